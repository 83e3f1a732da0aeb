using DurableAgents.Actions;
using DurableAgents.TaskHub.Storage;
using DurableAgents.TaskHub.Tests.Engine.Infrastructure;

namespace DurableAgents.TaskHub.Tests.Engine;

/// <summary>What the engine does when the store disagrees with it, and when it stops under waiting callers.</summary>
public sealed class TaskHubEngineRecoveryTests
{
    [Fact]
    public async Task CompleteOrchestratorWorkItemAsync_RowChangedByAnotherWriter_EpisodeRunsAgainAfterResync()
    {
        await using TestHub hub = await TestHub.StartAsync();
        await using WorkerConnection worker = hub.Engine.ConnectWorker();
        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Manual"));
        OrchestratorWorkItem first = await worker.NextAsync<OrchestratorWorkItem>();

        // Another writer bumps the row behind the engine's back.
        InstanceRecord row = (await hub.Store.GetInstanceAsync(id, true, CancellationToken.None))!;
        InstanceRecord foreign = row with { RowVersion = row.RowVersion + 5, CustomStatus = Json.Of("foreign") };
        IReadOnlyList<CommitOutcome> written = await hub.Store.CommitAsync(
            [new CommitRequest { Conditions = [InstanceCondition.VersionEquals(id, row.RowVersion)], InstanceUpserts = [foreign] }],
            CancellationToken.None);
        Assert.True(written[0].Committed);

        await hub.Engine.CompleteOrchestratorWorkItemAsync(
            first.CompletionToken, [new CompleteOrchestrationAction(1, OrchestrationStatus.Completed, Json.Of("first try"))], null);
        OrchestratorWorkItem retry = await worker.NextAsync<OrchestratorWorkItem>();
        Assert.Equal(id, retry.InstanceId);
        Assert.IsType<DurableAgents.History.ExecutionStartedEvent>(retry.NewEvents[1]);
        Assert.Equal(OrchestrationStatus.Pending, (await hub.Engine.GetInstanceAsync(id))!.RuntimeStatus);

        await hub.Engine.CompleteOrchestratorWorkItemAsync(
            retry.CompletionToken, [new CompleteOrchestrationAction(1, OrchestrationStatus.Completed, Json.Of("second try"))], null);
        InstanceSnapshot done = await hub.WaitForCompletionAsync(id);

        Assert.Equal("second try", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task StopAsync_WhileCallerWaitsForCompletion_WaitEndsWithNotRunning()
    {
        await using TestHub hub = await TestHub.StartAsync();
        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Manual"));

        // The waiter registers before its first await, so it is registered when the call returns.
        Task<InstanceSnapshot> waiting = hub.Engine.WaitForInstanceCompletionAsync(id, false, TestHub.Timeout());

        await hub.Engine.StopAsync(CancellationToken.None);

        await Assert.ThrowsAsync<TaskHubNotRunningException>(() => waiting);
    }

    [Fact]
    public async Task WaitForInstanceCompletionAsync_Cancelled_ThrowsOperationCanceled()
    {
        await using TestHub hub = await TestHub.StartAsync();
        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Manual"));
        using var cancel = new CancellationTokenSource();

        Task<InstanceSnapshot> waiting = hub.Engine.WaitForInstanceCompletionAsync(id, false, cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }
}
