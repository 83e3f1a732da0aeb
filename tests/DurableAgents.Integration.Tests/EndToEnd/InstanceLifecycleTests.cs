using DurableTask.Core.Exceptions;
using Grpc.Core;
using DurableAgents.History;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using DurableAgents.Integration.Tests.Infrastructure;

namespace DurableAgents.Integration.Tests.EndToEnd;

/// <summary>Start, read, wait and signal instances through the gRPC client, run by a real worker, over a real sidecar.</summary>
public sealed class InstanceLifecycleTests(SidecarEnvironment environment) : IClassFixture<SidecarEnvironment>
{
    private DurableTaskClient Client => environment.Client;

    private IInstanceHistoryReader History => environment.History;

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_OrchestratorCallingActivities_CompletesWithTheirResults()
    {
        string id = await Client.ScheduleNewOrchestrationInstanceAsync(TestTasks.Greeter, "Ada", new StartOrchestrationOptions(SidecarEnvironment.NewId("greet")));

        OrchestrationMetadata done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, TestDeadline.Token());

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("Hello, Ada! Hello, Ada again!", done.ReadOutputAs<string>());
        Assert.Equal(TestTasks.Greeter, done.Name);
        Assert.True(done.LastUpdatedAt >= done.CreatedAt);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_NoInstanceId_ReturnsTheGeneratedIdThatRuns()
    {
        string id = await Client.ScheduleNewOrchestrationInstanceAsync(TestTasks.Echo, "ping");

        OrchestrationMetadata done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, TestDeadline.Token());

        Assert.False(string.IsNullOrEmpty(id));
        Assert.Equal(id, done.InstanceId);
        Assert.Equal("ping", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_IdOfRunningInstance_ThrowsAlreadyExistsAndAcceptsItOnceFinished()
    {
        string id = SidecarEnvironment.NewId("dup");
        await Client.ScheduleNewOrchestrationInstanceAsync(TestTasks.AwaitApproval, null, new StartOrchestrationOptions(id));

        // The official client raises OrchestrationAlreadyExistsException with the sidecar's ALREADY_EXISTS detail.
        var duplicate = await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() =>
            Client.ScheduleNewOrchestrationInstanceAsync(TestTasks.AwaitApproval, null, new StartOrchestrationOptions(id)));
        Assert.Contains($"'{id}' already exists", duplicate.Message, StringComparison.Ordinal);
        Assert.True(duplicate.Message.Contains("Pending", StringComparison.Ordinal) || duplicate.Message.Contains("Running", StringComparison.Ordinal), duplicate.Message);

        await Client.RaiseEventAsync(id, "approval", "Ann");
        await Client.WaitForInstanceCompletionAsync(id, cancellation: TestDeadline.Token());
        string again = await Client.ScheduleNewOrchestrationInstanceAsync(TestTasks.Echo, "second run", new StartOrchestrationOptions(id));
        OrchestrationMetadata secondRun = await Client.WaitForInstanceCompletionAsync(again, getInputsAndOutputs: true, TestDeadline.Token());
        Assert.Equal(TestTasks.Echo, secondRun.Name);
        Assert.Equal("second run", secondRun.ReadOutputAs<string>());
    }

    [Fact]
    public async Task GetInstanceAsync_WithAndWithoutPayloads_ReturnsPayloadsOnlyWhenAsked()
    {
        string id = await Client.ScheduleNewOrchestrationInstanceAsync(TestTasks.Greeter, "Bo", new StartOrchestrationOptions(SidecarEnvironment.NewId("get")));
        await Client.WaitForInstanceCompletionAsync(id, cancellation: TestDeadline.Token());

        OrchestrationMetadata? bare = await Client.GetInstanceAsync(id, getInputsAndOutputs: false);
        OrchestrationMetadata? full = await Client.GetInstanceAsync(id, getInputsAndOutputs: true);

        Assert.NotNull(bare);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, bare.RuntimeStatus);
        Assert.Null(bare.SerializedInput);
        Assert.Null(bare.SerializedOutput);
        Assert.NotNull(full);
        Assert.Equal("\"Bo\"", full.SerializedInput);
        Assert.Equal("\"Hello, Bo! Hello, Bo again!\"", full.SerializedOutput);
        Assert.Equal(bare.CreatedAt, full.CreatedAt);
    }

    [Fact]
    public async Task GetInstanceAsync_UnknownId_ReturnsNull()
    {
        Assert.Null(await Client.GetInstanceAsync(SidecarEnvironment.NewId("missing"), getInputsAndOutputs: true));
    }

    [Fact]
    public async Task WaitForInstanceStartAsync_InstanceScheduledForLater_IsHeldOpenUntilCancelled()
    {
        string id = SidecarEnvironment.NewId("later");
        await Client.ScheduleNewOrchestrationInstanceAsync(
            TestTasks.Echo, "x", new StartOrchestrationOptions(id, StartAt: DateTimeOffset.UtcNow.AddHours(1)));
        OrchestrationMetadata? pending = await Client.GetInstanceAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Pending, pending?.RuntimeStatus);

        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client.WaitForInstanceStartAsync(id, cancellation: cancel.Token));

        // The sidecar stopped waiting for the cancelled call; the instance is still there and still pending.
        Assert.Equal(OrchestrationRuntimeStatus.Pending, (await Client.GetInstanceAsync(id))?.RuntimeStatus);
        await Client.TerminateInstanceAsync(id, "cleanup");
    }

    [Fact]
    public async Task WaitForInstanceStartAsync_InstanceThatRuns_ReturnsOnceItIsNoLongerPending()
    {
        string id = await Client.ScheduleNewOrchestrationInstanceAsync(TestTasks.AwaitApproval, null, new StartOrchestrationOptions(SidecarEnvironment.NewId("start")));

        OrchestrationMetadata started = await Client.WaitForInstanceStartAsync(id, cancellation: TestDeadline.Token());

        Assert.NotEqual(OrchestrationRuntimeStatus.Pending, started.RuntimeStatus);
        await Client.TerminateInstanceAsync(id, "cleanup");
    }

    [Fact]
    public async Task WaitForInstanceStart_UnknownId_AnswersNotExistsAtOnce()
    {
        string id = SidecarEnvironment.NewId("missing");

        var response = await environment.Protocol.WaitForInstanceStartAsync(
            new Microsoft.DurableTask.Protobuf.GetInstanceRequest { InstanceId = id }, cancellationToken: TestDeadline.Token());

        Assert.False(response.Exists);
    }

    [Fact]
    public async Task RaiseEventAsync_InstanceWaitingForIt_CompletesTheHeldWaitWithTheEventData()
    {
        string id = await Client.ScheduleNewOrchestrationInstanceAsync(TestTasks.AwaitApproval, null, new StartOrchestrationOptions(SidecarEnvironment.NewId("raise")));
        await environment.Sidecar.Engine.WaitForInstanceAsync(
            id, m => m.SerializedCustomStatus == TestTasks.WaitingStatus, includePayloads: true, TestDeadline.Token());
        Task<OrchestrationMetadata> completion = Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, TestDeadline.Token());

        await Client.RaiseEventAsync(id, "approval", "Grace");

        OrchestrationMetadata done = await completion;
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("approved by Grace", done.ReadOutputAs<string>());
        Assert.Equal("done", done.ReadCustomStatusAs<string>());
    }

    [Fact]
    public async Task RaiseEventAsync_UnknownInstance_ThrowsInstanceNotFound()
    {
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => Client.RaiseEventAsync(SidecarEnvironment.NewId("missing"), "approval", "x"))).StatusCode);
    }

    [Fact]
    public async Task RaiseEventAsync_CompletedInstance_SucceedsAndTheEventIsDiscarded()
    {
        // Over gRPC a late event is not an error (the Durable Task SDKs expect that); it is dropped, not recorded.
        string id = await Client.ScheduleNewOrchestrationInstanceAsync(TestTasks.Echo, "x", new StartOrchestrationOptions(SidecarEnvironment.NewId("late")));
        OrchestrationMetadata done = await Client.WaitForInstanceCompletionAsync(id, cancellation: TestDeadline.Token());
        int historyLength = (await History.GetHistoryAsync(id)).Count;

        await Client.RaiseEventAsync(id, "approval", "x");

        OrchestrationMetadata after = (await Client.GetInstanceAsync(id, cancellation: TestDeadline.Token()))!;
        Assert.Equal(OrchestrationRuntimeStatus.Completed, after.RuntimeStatus);
        Assert.Equal(done.LastUpdatedAt, after.LastUpdatedAt);
        Assert.Equal(historyLength, (await History.GetHistoryAsync(id)).Count);
    }

    [Fact]
    public async Task WaitForInstanceCompletionAsync_ActivityThrows_InstanceFailsWithTheActivityFailure()
    {
        string id = await Client.ScheduleNewOrchestrationInstanceAsync(
            TestTasks.FailingActivity, "the disk is full", new StartOrchestrationOptions(SidecarEnvironment.NewId("fail")));

        OrchestrationMetadata done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, TestDeadline.Token());

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.NotNull(done.FailureDetails);
        Assert.Contains(Chain(FailureDetails.From(done.FailureDetails)), f => f.ErrorType == typeof(InvalidOperationException).FullName && f.ErrorMessage.Contains("the disk is full", StringComparison.Ordinal));
    }

    private static IEnumerable<FailureDetails> Chain(FailureDetails? failure)
    {
        for (FailureDetails? current = failure; current is not null; current = current.InnerFailure)
        {
            yield return current;
        }
    }
}
