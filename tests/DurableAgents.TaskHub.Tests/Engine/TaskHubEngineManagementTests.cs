using Microsoft.DurableTask;
using DurableAgents.TaskHub.Tests.Engine.Infrastructure;

namespace DurableAgents.TaskHub.Tests.Engine;

public sealed class TaskHubEngineManagementTests
{
    private static TestWorker EchoWorker(TestWorker worker) => worker
        .Orchestration<string, string>("Echo", (ctx, input) => Task.FromResult("echo " + input))
        .Orchestration<string, string>("Wait", (ctx, _) => ctx.WaitForExternalEvent<string>("go"));

    [Fact]
    public async Task PurgeAsync_RunningInstance_IsRefused()
    {
        await using TestHub hub = await TestHub.StartAsync();
        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Wait"));

        var ex = await Assert.ThrowsAsync<InvalidInstanceStateException>(() => hub.Engine.PurgeAsync(id));

        Assert.Equal(OrchestrationStatus.Pending, ex.Status);
        Assert.NotNull(await hub.Engine.GetInstanceAsync(id));
    }

    [Fact]
    public async Task PurgeAsync_CompletedInstance_DeletesStateAndHistory()
    {
        await using TestHub hub = await TestHub.StartAsync();
        hub.AddWorker(w => EchoWorker(w));
        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Echo") { Input = Json.Of("a") });
        await hub.WaitForCompletionAsync(id);

        int purged = await hub.Engine.PurgeAsync(id);

        Assert.Equal(1, purged);
        Assert.Null(await hub.Engine.GetInstanceAsync(id));
        await Assert.ThrowsAsync<InstanceNotFoundException>(() => hub.Engine.GetHistoryAsync(id));
        Assert.Equal(0, await hub.Engine.PurgeAsync(id));
    }

    [Fact]
    public async Task PurgeAsync_Filter_PurgesOnlyTerminalInstances()
    {
        await using TestHub hub = await TestHub.StartAsync();
        hub.AddWorker(w => EchoWorker(w));
        DateTimeOffset from = hub.Time.GetUtcNow();
        string[] done = ["p1", "p2", "p3"];
        foreach (string id in done)
        {
            await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Echo") { InstanceId = id });
            await hub.WaitForCompletionAsync(id);
        }

        string waiting = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Wait") { InstanceId = "p4" });

        int purged = await hub.Engine.PurgeAsync(from, null, null);

        Assert.Equal(3, purged);
        Assert.NotNull(await hub.Engine.GetInstanceAsync(waiting));
        Assert.Null(await hub.Engine.GetInstanceAsync("p1"));
    }

    [Fact]
    public async Task QueryAsync_PageSize3_WalksAllPagesWithFilters()
    {
        await using TestHub hub = await TestHub.StartAsync();
        for (int i = 0; i < 7; i++)
        {
            await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Wait") { InstanceId = $"q-{i}", Input = Json.Of(i) });
            hub.Time.Advance(TimeSpan.FromSeconds(1));
        }

        await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Wait") { InstanceId = "other" });

        var seen = new List<string>();
        var pageSizes = new List<int>();
        string? token = null;
        do
        {
            Page<InstanceSnapshot> page = await hub.Engine.QueryAsync(
                new InstanceFilter { InstanceIdPrefix = "q-", PageSize = 3, ContinuationToken = token, FetchInputsAndOutputs = true });
            pageSizes.Add(page.Values.Count);
            seen.AddRange(page.Values.Select(m => m.InstanceId));
            Assert.All(page.Values, m => Assert.NotNull(m.SerializedInput));
            token = page.ContinuationToken;
        }
        while (token is not null);

        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"q-{i}"), seen);
        Assert.Equal(7, pageSizes.Sum());
        Assert.Equal([3, 3], pageSizes.Take(2));
        Page<InstanceSnapshot> none = await hub.Engine.QueryAsync(new InstanceFilter { Statuses = [OrchestrationStatus.Completed] });
        Assert.Empty(none.Values);
        List<Microsoft.DurableTask.Client.OrchestrationMetadata> viaClient = await hub.Client.GetAllInstancesAsync(new Microsoft.DurableTask.Client.OrchestrationQuery { PageSize = 2 }).ToListAsync();
        Assert.Equal(8, viaClient.Count);
    }

    [Fact]
    public async Task RestartAsync_CompletedInstance_RunsAgainWithSameInput()
    {
        await using TestHub hub = await TestHub.StartAsync();
        hub.AddWorker(w => EchoWorker(w));
        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Echo") { Input = Json.Of("r") });
        InstanceSnapshot first = await hub.WaitForCompletionAsync(id);

        string sameId = await hub.Engine.RestartAsync(id);
        InstanceSnapshot second = await hub.WaitForCompletionAsync(sameId);
        string newId = await hub.Engine.RestartAsync(id, restartWithNewInstanceId: true);
        InstanceSnapshot third = await hub.WaitForCompletionAsync(newId);

        Assert.Equal(id, sameId);
        Assert.NotEqual(first.ExecutionId, second.ExecutionId);
        Assert.Equal("echo r", second.ReadOutputAs<string>());
        Assert.NotEqual(id, newId);
        Assert.Equal("echo r", third.ReadOutputAs<string>());
    }

    [Fact]
    public async Task RestartAsync_RunningInstanceSameId_IsRefused()
    {
        await using TestHub hub = await TestHub.StartAsync();
        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Wait"));

        await Assert.ThrowsAsync<InvalidInstanceStateException>(() => hub.Engine.RestartAsync(id));
        await Assert.ThrowsAsync<InstanceNotFoundException>(() => hub.Engine.RestartAsync("ghost"));
    }

    [Fact]
    public async Task KnownOrchestratorNames_ReflectDeclaredWorkers()
    {
        await using TestHub hub = await TestHub.StartAsync();
        Assert.Empty(hub.Engine.KnownOrchestratorNames);
        Assert.False(hub.Engine.HasWorkerWithoutDeclaredNames);

        await using WorkerConnection declared = hub.Engine.ConnectWorker(new WorkerConnectionOptions { OrchestratorNames = ["A", "B"] });
        Assert.Equal(["A", "B"], hub.Engine.KnownOrchestratorNames.Order());
        Assert.False(hub.Engine.HasWorkerWithoutDeclaredNames);

        WorkerConnection anonymous = hub.Engine.ConnectWorker();
        Assert.True(hub.Engine.HasWorkerWithoutDeclaredNames);
        await anonymous.DisposeAsync();
        Assert.False(hub.Engine.HasWorkerWithoutDeclaredNames);
        Assert.Equal(1, hub.Engine.ConnectedWorkerCount);
    }
}
