using DurableAgents.Conformance.Tests.Infrastructure;
using DurableTask.Core.Exceptions;
using Grpc.Core;
using Kind = Microsoft.DurableTask.Protobuf.HistoryEvent.EventTypeOneofCase;

namespace DurableAgents.Conformance.Tests.Scenarios;

using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

/// <summary>
/// Protocol semantics the SDK relies on beyond running orchestrations: the instance-id reuse policy of a start, control
/// calls on finished instances, and which fields a read without inputs and outputs carries.
/// </summary>
public abstract partial class ConformanceScenarios
{
    [Fact]
    public async Task StartWithDedupeOnCompleted_CompletedInstance_RefusedAndTheFirstOutputIsKept()
    {
        string id = NewInstanceId("dedupe-completed");
        await RunAsync(Hello, "first", id);
        string firstExecution = (await HistoryAsync(id)).Started.OrchestrationInstance.ExecutionId;

        // The SDK sends the policy as the statuses that may be replaced: every status but Completed here.
        StartOrchestrationOptions options = new StartOrchestrationOptions(id).WithDedupeStatuses(OrchestrationRuntimeStatus.Completed);
        OrchestrationAlreadyExistsException refused = await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(
            () => Client.ScheduleNewOrchestrationInstanceAsync(Hello, "second", options, TestDeadline.Token()));

        Assert.Contains(id, refused.Message, StringComparison.Ordinal);
        OrchestrationMetadata kept = (await Client.GetInstanceAsync(id, getInputsAndOutputs: true, TestDeadline.Token()))!;
        Assert.Equal(OrchestrationRuntimeStatus.Completed, kept.RuntimeStatus);
        Assert.Equal("Hello, first!", kept.ReadOutputAs<string>());
        Assert.Equal("first", kept.ReadInputAs<string>());
        HistoryShape history = await HistoryAsync(id);
        Assert.Equal(firstExecution, history.Started.OrchestrationInstance.ExecutionId);
        Assert.Equal([Kind.ExecutionStarted, Kind.ExecutionCompleted], history.Kinds);
    }

    [Fact]
    public async Task StartWithDedupeOnFailed_FailedInstanceRefused_CompletedInstanceReplaced()
    {
        string failed = NewInstanceId("dedupe-failed");
        Assert.Equal(OrchestrationRuntimeStatus.Failed, (await RunAsync(Throwing, "bad", failed)).RuntimeStatus);
        string completed = NewInstanceId("dedupe-failed-completed");
        await RunAsync(Hello, "first", completed);

        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => Client.ScheduleNewOrchestrationInstanceAsync(
            Hello, "second", new StartOrchestrationOptions(failed).WithDedupeStatuses(OrchestrationRuntimeStatus.Failed), TestDeadline.Token()));
        await Client.ScheduleNewOrchestrationInstanceAsync(
            Hello, "second", new StartOrchestrationOptions(completed).WithDedupeStatuses(OrchestrationRuntimeStatus.Failed), TestDeadline.Token());

        Assert.Equal(OrchestrationRuntimeStatus.Failed, (await Client.GetInstanceAsync(failed, TestDeadline.Token()))?.RuntimeStatus);
        Assert.Equal([Kind.ExecutionStarted, Kind.ExecutionCompleted], (await HistoryAsync(failed)).Kinds);
        OrchestrationMetadata replaced = await WaitForCompletionAsync(completed);
        Assert.Equal("Hello, second!", replaced.ReadOutputAs<string>());
    }

    [Fact]
    public async Task StartWithoutPolicy_CompletedInstanceReplaced_RunningInstanceRefusedEvenWhenThePolicyListsRunning()
    {
        string completed = NewInstanceId("no-policy");
        await RunAsync(Hello, "first", completed);
        string running = NewInstanceId("policy-running");
        await StartAsync(WaitForEvent, null, running);
        await Client.WaitForInstanceStartAsync(running, TestDeadline.Token());

        OrchestrationMetadata replaced = await RunAsync(Hello, "second", completed);
        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => StartAsync(Hello, "x", running));

        // An empty dedupe list makes every status replaceable; the sidecar still never replaces an unfinished instance.
        await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() => Client.ScheduleNewOrchestrationInstanceAsync(
            Hello, "x", new StartOrchestrationOptions(running).WithDedupeStatuses(), TestDeadline.Token()));

        Assert.Equal("Hello, second!", replaced.ReadOutputAs<string>());
        Assert.Equal(WaitForEvent, (await Client.GetInstanceAsync(running, TestDeadline.Token()))?.Name);
        await Client.RaiseEventAsync(running, Go, "done", TestDeadline.Token());
        Assert.Equal("done", (await WaitForCompletionAsync(running)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task SuspendAndResume_CompletedInstance_SucceedAndChangeNothing()
    {
        string id = NewInstanceId("suspend-finished");
        await RunAsync(Hello, "done", id);
        OrchestrationMetadata before = (await Client.GetInstanceAsync(id, getInputsAndOutputs: true, TestDeadline.Token()))!;
        int eventsBefore = (await HistoryAsync(id)).Events.Count;

        await Client.SuspendInstanceAsync(id, "too late", TestDeadline.Token());
        await Client.ResumeInstanceAsync(id, "still too late", TestDeadline.Token());

        OrchestrationMetadata after = (await Client.GetInstanceAsync(id, getInputsAndOutputs: true, TestDeadline.Token()))!;
        Assert.Equal(OrchestrationRuntimeStatus.Completed, after.RuntimeStatus);
        Assert.Equal(before.LastUpdatedAt, after.LastUpdatedAt);
        Assert.Equal("Hello, done!", after.ReadOutputAs<string>());
        HistoryShape history = await HistoryAsync(id);
        Assert.Equal(eventsBefore, history.Events.Count);
        Assert.Equal(0, history.Count(Kind.ExecutionSuspended) + history.Count(Kind.ExecutionResumed));
    }

    [Fact]
    public async Task RaiseEvent_CompletedInstance_SucceedsAndTheEventIsDiscarded_UnknownInstanceIsNotFound()
    {
        string id = NewInstanceId("raise-finished");
        await RunAsync(Hello, "done", id);
        OrchestrationMetadata before = (await Client.GetInstanceAsync(id, TestDeadline.Token()))!;
        int eventsBefore = (await HistoryAsync(id)).Events.Count;

        await Client.RaiseEventAsync(id, Go, "too late", TestDeadline.Token());
        RpcException unknown = await Assert.ThrowsAsync<RpcException>(
            () => Client.RaiseEventAsync(NewInstanceId("raise-unknown"), Go, "nobody", TestDeadline.Token()));

        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        OrchestrationMetadata after = (await Client.GetInstanceAsync(id, TestDeadline.Token()))!;
        Assert.Equal(OrchestrationRuntimeStatus.Completed, after.RuntimeStatus);
        Assert.Equal(before.LastUpdatedAt, after.LastUpdatedAt);
        HistoryShape history = await HistoryAsync(id);
        Assert.Equal(eventsBefore, history.Events.Count);
        Assert.Equal(0, history.Count(Kind.EventRaised));
    }

    [Fact]
    public async Task ReadsWithoutInputsAndOutputs_FailedInstance_CarryNoFailureDetails()
    {
        string id = NewInstanceId("no-payload-failure");
        await RunAsync(Throwing, "bad input", id);

        OrchestrationMetadata light = (await Client.GetInstanceAsync(id, getInputsAndOutputs: false, TestDeadline.Token()))!;
        OrchestrationMetadata waited = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: false, TestDeadline.Token());
        OrchestrationMetadata queried = await Client.GetAllInstancesAsync(
            new OrchestrationQuery { InstanceIdPrefix = id, FetchInputsAndOutputs = false }).SingleAsync();
        OrchestrationMetadata full = (await Client.GetInstanceAsync(id, getInputsAndOutputs: true, TestDeadline.Token()))!;
        OrchestrationMetadata queriedFull = await Client.GetAllInstancesAsync(
            new OrchestrationQuery { InstanceIdPrefix = id, FetchInputsAndOutputs = true }).SingleAsync();

        Assert.All([light, waited, queried], m => Assert.Equal(OrchestrationRuntimeStatus.Failed, m.RuntimeStatus));
        Assert.Null(light.FailureDetails);
        Assert.Null(waited.FailureDetails);
        Assert.Null(queried.FailureDetails);
        Assert.Equal("orchestrator rejected bad input", full.FailureDetails?.ErrorMessage);
        Assert.Equal("orchestrator rejected bad input", queriedFull.FailureDetails?.ErrorMessage);
    }
}
