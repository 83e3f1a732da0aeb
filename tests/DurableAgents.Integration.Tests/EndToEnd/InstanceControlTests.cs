using Grpc.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using DurableAgents.History;
using DurableAgents.Integration.Tests.Infrastructure;

namespace DurableAgents.Integration.Tests.EndToEnd;

/// <summary>Terminate, suspend and resume through the gRPC client.</summary>
public sealed class InstanceControlTests(SidecarEnvironment environment) : IClassFixture<SidecarEnvironment>
{
    private DurableTaskClient Client => environment.Client;

    private IInstanceHistoryReader History => environment.History;

    [Fact]
    public async Task TerminateInstanceAsync_Recursive_TerminatesTheSubOrchestrationToo()
    {
        (string parent, string child) = await StartParentWithRunningChildAsync("term-rec");

        await Client.TerminateInstanceAsync(parent, new TerminateInstanceOptions { Output = "stopped by test", Recursive = true });

        OrchestrationMetadata parentDone = await Client.WaitForInstanceCompletionAsync(parent, getInputsAndOutputs: true, TestDeadline.Token());
        OrchestrationMetadata childDone = await Client.WaitForInstanceCompletionAsync(child, cancellation: TestDeadline.Token());
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, parentDone.RuntimeStatus);
        Assert.Equal("stopped by test", parentDone.ReadOutputAs<string>());
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, childDone.RuntimeStatus);
    }

    [Fact]
    public async Task TerminateInstanceAsync_NotRecursive_LeavesTheSubOrchestrationRunning()
    {
        (string parent, string child) = await StartParentWithRunningChildAsync("term-flat");

        await Client.TerminateInstanceAsync(parent, new TerminateInstanceOptions { Output = "parent only", Recursive = false });
        await Client.WaitForInstanceCompletionAsync(parent, cancellation: TestDeadline.Token());

        // A recursive terminate would have queued the child's termination in the commit that ended the parent, ahead
        // of this event; the child finishing normally with the event shows nothing was sent to it.
        await Client.RaiseEventAsync(child, "never", "late");
        OrchestrationMetadata childDone = await Client.WaitForInstanceCompletionAsync(child, getInputsAndOutputs: true, TestDeadline.Token());
        Assert.Equal(OrchestrationRuntimeStatus.Completed, childDone.RuntimeStatus);
        Assert.Equal("late", childDone.ReadOutputAs<string>());
    }

    [Fact]
    public async Task TerminateInstanceAsync_UnknownInstance_ThrowsRpcNotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Client.TerminateInstanceAsync(SidecarEnvironment.NewId("missing"), "x"));
        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task TerminateInstanceAsync_CompletedInstance_ChangesNothing()
    {
        string id = await Client.ScheduleNewOrchestrationInstanceAsync(TestTasks.Echo, "kept", new StartOrchestrationOptions(SidecarEnvironment.NewId("term-done")));
        await Client.WaitForInstanceCompletionAsync(id, cancellation: TestDeadline.Token());

        await Client.TerminateInstanceAsync(id, "too late");

        OrchestrationMetadata? after = await Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, after?.RuntimeStatus);
        Assert.Equal("kept", after?.ReadOutputAs<string>());
    }

    [Fact]
    public async Task SuspendInstanceAsync_EventRaisedWhileSuspended_IsDeliveredAfterResume()
    {
        string id = await Client.ScheduleNewOrchestrationInstanceAsync(TestTasks.AwaitApproval, null, new StartOrchestrationOptions(SidecarEnvironment.NewId("suspend")));
        await environment.Sidecar.Engine.WaitForInstanceAsync(
            id, m => m.SerializedCustomStatus == TestTasks.WaitingStatus, includePayloads: true, TestDeadline.Token());

        await Client.SuspendInstanceAsync(id, "maintenance");
        await environment.Sidecar.Engine.WaitForInstanceAsync(id, m => m.RuntimeStatus == OrchestrationStatus.Suspended, cancellation: TestDeadline.Token());
        await Client.RaiseEventAsync(id, "approval", "Sam");

        OrchestrationMetadata? whileSuspended = await Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, whileSuspended?.RuntimeStatus);
        Assert.Null(whileSuspended?.SerializedOutput);

        await Client.ResumeInstanceAsync(id, "done");
        OrchestrationMetadata done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, TestDeadline.Token());
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("approved by Sam", done.ReadOutputAs<string>());

        // The kept event is recorded where it arrived (between suspend and resume); the orchestrator saw it only after
        // the resume, as the status checks above show.
        IReadOnlyList<HistoryEvent> history = await History.GetHistoryAsync(id);
        int suspended = IndexOf<ExecutionSuspendedEvent>([.. history]);
        int resumed = IndexOf<ExecutionResumedEvent>([.. history]);
        Assert.True(suspended >= 0 && suspended < resumed, $"expected suspend before resume in history, got {suspended}, {resumed}");
        Assert.Equal("\"Sam\"", Assert.Single(history.OfType<EventRaisedEvent>()).Input);
    }

    [Fact]
    public async Task SuspendAndResumeInstanceAsync_CompletedInstance_SucceedAndChangeNothing()
    {
        // Over gRPC suspending or resuming a finished instance is a no-op, as the Durable Task SDKs expect.
        string id = await Client.ScheduleNewOrchestrationInstanceAsync(TestTasks.Echo, "x", new StartOrchestrationOptions(SidecarEnvironment.NewId("suspend-done")));
        OrchestrationMetadata done = await Client.WaitForInstanceCompletionAsync(id, cancellation: TestDeadline.Token());
        int historyLength = (await History.GetHistoryAsync(id)).Count;

        await Client.SuspendInstanceAsync(id, "x");
        await Client.ResumeInstanceAsync(id, "x");

        OrchestrationMetadata after = (await Client.GetInstanceAsync(id, cancellation: TestDeadline.Token()))!;
        Assert.Equal(OrchestrationRuntimeStatus.Completed, after.RuntimeStatus);
        Assert.Equal(done.LastUpdatedAt, after.LastUpdatedAt);
        Assert.Equal(historyLength, (await History.GetHistoryAsync(id)).Count);
    }

    [Fact]
    public async Task ResumeInstanceAsync_UnknownInstance_ThrowsInstanceNotFound()
    {
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => Client.ResumeInstanceAsync(SidecarEnvironment.NewId("missing")))).StatusCode);
    }

    /// <summary>Starts a Parent and returns once its child exists and has run its first episode.</summary>
    private async Task<(string Parent, string Child)> StartParentWithRunningChildAsync(string prefix)
    {
        string parent = await Client.ScheduleNewOrchestrationInstanceAsync(TestTasks.Parent, null, new StartOrchestrationOptions(SidecarEnvironment.NewId(prefix)));
        string child = TestTasks.ChildOf(parent);

        // The child instance is created in the same commit as the parent's episode that publishes "waiting".
        await environment.Sidecar.Engine.WaitForInstanceAsync(
            parent, m => m.SerializedCustomStatus == TestTasks.WaitingStatus, includePayloads: true, TestDeadline.Token());
        await environment.Sidecar.Engine.WaitForInstanceAsync(
            child, m => m.SerializedCustomStatus == TestTasks.WaitingStatus, includePayloads: true, TestDeadline.Token());
        ExecutionStartedEvent childStart = (await History.GetHistoryAsync(child)).OfType<ExecutionStartedEvent>().First();
        Assert.Equal(parent, childStart.ParentInstance?.InstanceId);
        return (parent, child);
    }

    private static int IndexOf<T>(IList<HistoryEvent> history) where T : HistoryEvent
    {
        for (int i = 0; i < history.Count; i++)
        {
            if (history[i] is T)
            {
                return i;
            }
        }

        return -1;
    }
}
