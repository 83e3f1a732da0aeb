using DurableAgents.History;
using DurableAgents.TaskHub.Tests.Engine.Infrastructure;

namespace DurableAgents.TaskHub.Tests.Engine;

public sealed class TaskHubEngineEventTests
{
    private static TestWorker ApprovalWorker(TestWorker worker) => worker
        .Orchestration<string, string>("Approval", async (ctx, _) =>
        {
            ctx.SetCustomStatus("waiting");
            string answer = await ctx.WaitForExternalEvent<string>("approval");
            return "approved by " + answer;
        });

    [Fact]
    public async Task RaiseEventAsync_WaitingInstance_DeliversEvent()
    {
        await using TestHub hub = await TestHub.StartAsync();
        hub.AddWorker(w => ApprovalWorker(w));
        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Approval"));
        InstanceSnapshot running = await hub.WaitForStatusAsync(id, OrchestrationStatus.Running);
        Assert.Equal(Json.Of("waiting"), running.SerializedCustomStatus);

        await hub.Engine.RaiseEventAsync(id, "approval", Json.Of("ana"));
        InstanceSnapshot done = await hub.WaitForCompletionAsync(id);

        Assert.Equal("approved by ana", done.ReadOutputAs<string>());
        EventRaisedEvent raised = Assert.Single((await hub.Engine.GetHistoryAsync(id)).OfType<EventRaisedEvent>());
        Assert.Equal("approval", raised.Name);
    }

    [Fact]
    public async Task RaiseEventAsync_UnknownInstance_ThrowsNotFound()
    {
        await using TestHub hub = await TestHub.StartAsync();

        await Assert.ThrowsAsync<InstanceNotFoundException>(() => hub.Engine.RaiseEventAsync("ghost", "approval", null));
    }

    [Fact]
    public async Task RaiseEventAsync_CompletedInstance_ThrowsInvalidState()
    {
        await using TestHub hub = await TestHub.StartAsync();
        hub.AddWorker(w => ApprovalWorker(w));
        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Approval"));
        await hub.WaitForStatusAsync(id, OrchestrationStatus.Running);
        await hub.Engine.RaiseEventAsync(id, "approval", Json.Of("bo"));
        await hub.WaitForCompletionAsync(id);

        var ex = await Assert.ThrowsAsync<InvalidInstanceStateException>(() => hub.Engine.RaiseEventAsync(id, "approval", null));

        Assert.Equal(OrchestrationStatus.Completed, ex.Status);
    }

    [Fact]
    public async Task SuspendAsync_EventWhileSuspended_IsHeldAndDeliveredOnResume()
    {
        await using TestHub hub = await TestHub.StartAsync();
        TestWorker worker = hub.AddWorker(w => ApprovalWorker(w));
        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Approval"));
        await hub.WaitForStatusAsync(id, OrchestrationStatus.Running);

        await hub.Engine.SuspendAsync(id, "maintenance");
        await hub.WaitForStatusAsync(id, OrchestrationStatus.Suspended);
        int episodesBefore = worker.OrchestratorItems.Count;
        await hub.Engine.RaiseEventAsync(id, "approval", Json.Of("cy"));

        // The raise returns after its commit was applied and dispatch decided: a suspended instance keeps it.
        InstanceSnapshot? held = await hub.Engine.GetInstanceAsync(id);
        Assert.Equal(OrchestrationStatus.Suspended, held!.RuntimeStatus);
        Assert.Equal(episodesBefore, worker.OrchestratorItems.Count);

        await hub.Engine.ResumeAsync(id, "done");
        InstanceSnapshot done = await hub.WaitForCompletionAsync(id);

        Assert.Equal("approved by cy", done.ReadOutputAs<string>());
        IReadOnlyList<HistoryEvent> history = await hub.Engine.GetHistoryAsync(id);
        Assert.Single(history.OfType<ExecutionSuspendedEvent>());
        Assert.Single(history.OfType<ExecutionResumedEvent>());
    }

    [Fact]
    public async Task SuspendAsync_CompletedInstance_ThrowsInvalidState()
    {
        await using TestHub hub = await TestHub.StartAsync();
        hub.AddWorker(w => ApprovalWorker(w));
        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Approval"));
        await hub.WaitForStatusAsync(id, OrchestrationStatus.Running);
        await hub.Engine.RaiseEventAsync(id, "approval", Json.Of("di"));
        await hub.WaitForCompletionAsync(id);

        await Assert.ThrowsAsync<InvalidInstanceStateException>(() => hub.Engine.SuspendAsync(id, null));
        await Assert.ThrowsAsync<InstanceNotFoundException>(() => hub.Engine.ResumeAsync("ghost", null));
    }

    [Fact]
    public async Task SendEvent_BetweenInstances_ReachesTarget()
    {
        await using TestHub hub = await TestHub.StartAsync();
        hub.AddWorker(w => ApprovalWorker(w)
            .Orchestration<string, string>("Sender", (ctx, target) =>
            {
                ctx.SendEvent(target, "approval", "sender");
                return Task.FromResult("sent");
            }));
        string target = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Approval"));
        await hub.WaitForStatusAsync(target, OrchestrationStatus.Running);

        await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Sender") { Input = Json.Of(target) });
        InstanceSnapshot done = await hub.WaitForCompletionAsync(target);

        Assert.Equal("approved by sender", done.ReadOutputAs<string>());
    }
}
