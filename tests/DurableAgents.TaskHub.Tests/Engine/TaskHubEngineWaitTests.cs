using DurableAgents.TaskHub.Tests.Engine.Infrastructure;

namespace DurableAgents.TaskHub.Tests.Engine;

/// <summary>Waiting for an instance: woken by every commit, but the store is read only when the wait may be over.</summary>
public sealed class TaskHubEngineWaitTests
{
    private const int Steps = 5;

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
    public async Task WaitForInstanceAsync_ChainOfActivities_ReadsStoreOnlyOnceTheInstanceIsDone()
    {
        await using TestHub hub = await TestHub.StartAsync();
        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Chain") { Input = Json.Of(Steps) });
        int readsBefore = hub.Store.InstanceReads;
        int evaluations = 0;
        var firstCheck = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        Task<InstanceSnapshot> wait = hub.Engine.WaitForInstanceAsync(
            id,
            m =>
            {
                Interlocked.Increment(ref evaluations);
                firstCheck.TrySetResult();
                return m.RuntimeStatus.IsTerminal();
            },
            includePayloads: true,
            TestHub.Timeout());

        // The waiter is registered before its first check, so every commit of the run below reaches it.
        await firstCheck.Task.WaitAsync(TestHub.Deadline);
        TestWorker worker = hub.AddWorker(w => ChainWorker(w));
        InstanceSnapshot done = await wait;

        Assert.Equal(OrchestrationStatus.Completed, done.RuntimeStatus);
        Assert.Equal(30, done.ReadOutputAs<int>());
        Assert.Equal(Json.Of(Steps), done.SerializedInput);
        Assert.Equal(Steps + 1, worker.OrchestratorItems.Count);

        // Checked while Pending and after commits of the run (how many wake-ups coalesce depends on scheduling), yet the
        // store was read once: for the answer, after the instance finished.
        Assert.True(Volatile.Read(ref evaluations) >= 2, $"condition evaluated {evaluations} times");
        Assert.Equal(1, hub.Store.InstanceReads - readsBefore);

        InstanceSnapshot? stored = await hub.Engine.GetInstanceAsync(id, includePayloads: true);
        Assert.Equal(stored, done);
    }

    [Fact]
    public async Task WaitForInstanceAsync_ConditionOnCustomStatus_AnswersWithTheStoredPayloads()
    {
        await using TestHub hub = await TestHub.StartAsync();
        var release = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.AddWorker(w => w
            .Orchestration<int, string>("Status", async (ctx, _) =>
            {
                ctx.SetCustomStatus("halfway");
                return await ctx.CallActivityAsync<string>("Gate");
            })
            .AsyncActivity("Gate", _ => release.Task));

        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Status") { Input = "1" });
        InstanceSnapshot halfway = await hub.Engine.WaitForInstanceAsync(
            id, m => m.SerializedCustomStatus is not null, includePayloads: true, TestHub.Timeout());

        Assert.Equal(OrchestrationStatus.Running, halfway.RuntimeStatus);
        Assert.Equal("halfway", Json.Read<string>(halfway.SerializedCustomStatus));
        Assert.Equal("1", halfway.SerializedInput);
        Assert.Equal(await hub.Engine.GetInstanceAsync(id, includePayloads: true), halfway);

        release.SetResult(Json.Of("done"));
        InstanceSnapshot done = await hub.WaitForCompletionAsync(id);
        Assert.Equal("done", done.ReadOutputAs<string>());
    }
}
