using Microsoft.DurableTask;
using DurableAgents.TaskHub.Tests.Engine.Infrastructure;

namespace DurableAgents.TaskHub.Tests.Engine;

/// <summary>History cache and group commit: the parts of the hot path that change what is sent and how often the store syncs.</summary>
public sealed class TaskHubEngineHotPathTests
{
    private static TestWorker ChainWorker(TestWorker worker) => worker
        .Orchestration<int, int>("Chain", async (ctx, count) =>
        {
            int sum = 0;
            for (int i = 1; i <= count; i++)
            {
                sum += await ctx.CallActivityAsync<int>("Double", i);
            }

            return sum;
        })
        .Activity("Double", input => Json.Of(Json.Read<int>(input) * 2));

    [Fact]
    public async Task HistoryCache_WorkerKeepsState_LaterEpisodesOmitPastEvents()
    {
        await using TestHub hub = await TestHub.StartAsync();
        TestWorker worker = hub.AddWorker(w => ChainWorker(w), new WorkerConnectionOptions { SupportsHistoryCache = true });

        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Chain") { Input = "4" });
        InstanceSnapshot done = await hub.WaitForCompletionAsync(id);

        Assert.Equal(20, done.ReadOutputAs<int>());
        IReadOnlyList<OrchestratorWorkItem> items = worker.OrchestratorItems;
        Assert.Equal(5, items.Count);
        Assert.All(items.Skip(1), item =>
        {
            Assert.True(item.PastEventsOmitted);
            Assert.Empty(item.PastEvents);
            Assert.True(item.PastEventCount > 0);
        });
        Assert.Equal(0, hub.Store.HistoryReads);
    }

    [Fact]
    public async Task HistoryCache_WorkerLostState_RequireHistoryResendsFullHistory()
    {
        await using TestHub hub = await TestHub.StartAsync();
        TestWorker worker = hub.AddWorker(w => ChainWorker(w), new WorkerConnectionOptions { SupportsHistoryCache = true });
        worker.ForgetSessions = true;

        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Chain") { Input = "3" });
        InstanceSnapshot done = await hub.WaitForCompletionAsync(id);

        Assert.Equal(12, done.ReadOutputAs<int>());
        IReadOnlyList<OrchestratorWorkItem> items = worker.OrchestratorItems;
        Assert.Contains(items, i => i.PastEventsOmitted);
        Assert.All(items.Where(i => i.PastEventsOmitted), omitted => Assert.Contains(
            items, full => full.CompletionToken == omitted.CompletionToken && !full.PastEventsOmitted && full.PastEvents.Count == omitted.PastEventCount));
    }

    [Fact]
    public async Task NoHistoryCache_EveryEpisodeCarriesFullHistoryFromMemory()
    {
        await using TestHub hub = await TestHub.StartAsync();
        TestWorker worker = hub.AddWorker(w => ChainWorker(w));

        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Chain") { Input = "3" });
        await hub.WaitForCompletionAsync(id);

        Assert.All(worker.OrchestratorItems, item =>
        {
            Assert.False(item.PastEventsOmitted);
            Assert.Equal(item.PastEventCount, item.PastEvents.Count);
        });
        Assert.Equal(0, hub.Store.HistoryReads);
    }

    [Fact]
    public async Task AfterRestart_HistoryIsReadFromStoreOnce()
    {
        await using TestHub hub = await TestHub.StartAsync();
        hub.AddWorker(w => w.Orchestration<string, string>("Approval", (ctx, _) => ctx.WaitForExternalEvent<string>("ok")));
        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Approval"));
        await hub.WaitForStatusAsync(id, OrchestrationStatus.Running);

        await hub.RestartAsync();
        TestWorker worker = hub.AddWorker(w => w.Orchestration<string, string>("Approval", (ctx, _) => ctx.WaitForExternalEvent<string>("ok")));
        await hub.Engine.RaiseEventAsync(id, "ok", Json.Of("yes"));
        InstanceSnapshot done = await hub.WaitForCompletionAsync(id);

        Assert.Equal("yes", done.ReadOutputAs<string>());
        Assert.Equal(1, hub.Store.HistoryReads);
        OrchestratorWorkItem item = Assert.Single(worker.OrchestratorItems);
        Assert.Equal(item.PastEventCount, item.PastEvents.Count);
    }

    [Fact]
    public async Task GroupCommit_ConcurrentRequests_ShareStoreCommits()
    {
        await using TestHub hub = await TestHub.StartAsync();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        int callsBefore = hub.Store.CommitCalls;
        hub.Store.HoldNextCommit = release.Task;

        // The first request's commit is held open while 199 more arrive; they must share the next commit.
        Task<string>[] starts = Enumerable.Range(0, 200)
            .Select(i => hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Batch") { InstanceId = $"g-{i}" }))
            .ToArray();
        await hub.Store.CommitHeld.Task.WaitAsync(TestHub.Deadline);
        release.SetResult();
        await Task.WhenAll(starts);

        int calls = hub.Store.CommitCalls - callsBefore;
        Assert.InRange(calls, 1, 3);
        Page<InstanceSnapshot> all = await hub.Engine.QueryAsync(new InstanceFilter { InstanceIdPrefix = "g-", PageSize = 500 });
        Assert.Equal(200, all.Values.Count);
    }

    [Fact]
    public async Task FanOut_ManyActivities_CompletesWithoutReadingHistory()
    {
        await using TestHub hub = await TestHub.StartAsync();
        TestWorker worker = hub.AddWorker(
            w => w
                .Orchestration<int, int>("FanOut", async (ctx, n) =>
                {
                    int[] results = await Task.WhenAll(Enumerable.Range(1, n).Select(i => ctx.CallActivityAsync<int>("Double", i)));
                    return results.Sum();
                })
                .Activity("Double", input => Json.Of(Json.Read<int>(input) * 2)),
            new WorkerConnectionOptions { SupportsHistoryCache = true, MaxConcurrentActivities = 50 });

        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("FanOut") { Input = "300" });
        InstanceSnapshot done = await hub.WaitForCompletionAsync(id);

        Assert.Equal(300 * 301, done.ReadOutputAs<int>());
        Assert.Equal(0, hub.Store.HistoryReads);
        Assert.True(worker.OrchestratorItems.Count < 300, $"{worker.OrchestratorItems.Count} episodes for 300 results: completions were not batched.");
        Assert.All(worker.OrchestratorItems.Skip(1), item => Assert.True(item.PastEventsOmitted));
    }
}
