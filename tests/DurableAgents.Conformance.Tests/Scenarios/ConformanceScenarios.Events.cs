using DurableAgents.Conformance.Tests.Infrastructure;
using Kind = Microsoft.DurableTask.Protobuf.HistoryEvent.EventTypeOneofCase;
using ProtoStatus = Microsoft.DurableTask.Protobuf.OrchestrationStatus;

namespace DurableAgents.Conformance.Tests.Scenarios;

using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

/// <summary>External events, custom status and the instance lifecycle seen through the client.</summary>
public abstract partial class ConformanceScenarios
{
    private const string WaitForEvent = "WaitForEvent";
    private const string GateThenWait = "GateThenWait";
    private const string Gate = "Gate";
    private const string CollectEvents = "CollectEvents";
    private const string StatusReporter = "StatusReporter";
    private const string StartTime = "StartTime";
    private const string Go = "go";

    [Fact]
    public async Task ExternalEvent_RaisedBeforeTheOrchestratorWaits_IsBuffered()
    {
        string id = NewInstanceId("event-buffered");
        await StartAsync(GateThenWait, null, id);

        // The orchestrator is held in an activity, so it cannot be waiting for the event yet.
        await Client.RaiseEventAsync(id, Go, "early bird", TestDeadline.Token());
        ScenarioState.OpenGate(id);
        OrchestrationMetadata result = await WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("early bird", result.ReadOutputAs<string>());
        HistoryShape history = await HistoryAsync(id);
        Assert.Equal(Go, history.One(Kind.EventRaised).EventRaised.Name);
        Assert.Equal(Gate, history.One(Kind.TaskScheduled).TaskScheduled.Name);
        Assert.Equal(1, history.Count(Kind.TaskCompleted));
    }

    [Fact]
    public async Task ExternalEvents_SeveralWithOneName_ConsumedInOrder()
    {
        string id = NewInstanceId("events-in-order");
        await StartAsync(CollectEvents, 3, id);

        foreach (string item in new[] { "first", "second", "third" })
        {
            await Client.RaiseEventAsync(id, "item", item, TestDeadline.Token());
        }

        OrchestrationMetadata result = await WaitForCompletionAsync(id);

        Assert.Equal(["first", "second", "third"], result.ReadOutputAs<string[]>()!);
        HistoryShape history = await HistoryAsync(id);
        Assert.Equal(["item", "item", "item"], history.All(Kind.EventRaised).Select(e => e.EventRaised.Name));
        Assert.Equal(["\"first\"", "\"second\"", "\"third\""], history.All(Kind.EventRaised).Select(e => e.EventRaised.Input));
    }

    [Fact]
    public async Task CustomStatus_SetWhileWaiting_ReadableThroughTheClient()
    {
        string id = NewInstanceId("custom-status");
        await StartAsync(StatusReporter, null, id);

        await TestDeadline.UntilAsync(
            async () => (await Client.GetInstanceAsync(id, getInputsAndOutputs: true, TestDeadline.Token()))?.ReadCustomStatusAs<string>() == "waiting for approval",
            "the custom status set before the wait");
        await Client.RaiseEventAsync(id, Approve, "granted", TestDeadline.Token());
        OrchestrationMetadata result = await WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("approved: granted", result.ReadCustomStatusAs<string>());
        HistoryShape history = await HistoryAsync(id);
        Assert.Equal([Kind.ExecutionStarted, Kind.EventRaised, Kind.ExecutionCompleted], history.Kinds);
    }

    [Fact]
    public async Task WaitForInstanceStart_WaitingInstance_ReturnsRunningWithInput()
    {
        string id = NewInstanceId("wait-start");
        await StartAsync(WaitForEvent, "input-1", id);

        OrchestrationMetadata started = await Client.WaitForInstanceStartAsync(id, getInputsAndOutputs: true, TestDeadline.Token());

        Assert.Equal(OrchestrationRuntimeStatus.Running, started.RuntimeStatus);
        Assert.Equal("input-1", started.ReadInputAs<string>());
        Assert.Equal(WaitForEvent, started.Name);
        await Client.RaiseEventAsync(id, Go, "done", TestDeadline.Token());
        OrchestrationMetadata result = await WaitForCompletionAsync(id);
        Assert.Equal("done", result.ReadOutputAs<string>());
        Assert.Equal([Kind.ExecutionStarted, Kind.EventRaised, Kind.ExecutionCompleted], (await HistoryAsync(id)).Kinds);
    }

    [Fact]
    public async Task ScheduledStart_StartAtInTheNearFuture_DoesNotStartBefore()
    {
        string id = NewInstanceId("scheduled-start");
        DateTimeOffset startAt = DateTimeOffset.UtcNow.AddSeconds(2);

        await Client.ScheduleNewOrchestrationInstanceAsync(StartTime, null, new StartOrchestrationOptions(id, startAt), TestDeadline.Token());
        OrchestrationMetadata early = (await Client.GetInstanceAsync(id, TestDeadline.Token()))!;
        bool readBeforeStartAt = DateTimeOffset.UtcNow < startAt;
        OrchestrationMetadata result = await WaitForCompletionAsync(id);

        // A read that finished before the start time must see the instance still pending (a slow machine may read later).
        Assert.True(!readBeforeStartAt || early.RuntimeStatus == OrchestrationRuntimeStatus.Pending, $"Status {early.RuntimeStatus} before {startAt:O}");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        DateTime ranAt = result.ReadOutputAs<DateTime>();
        Assert.True(ranAt >= startAt.UtcDateTime, $"Ran at {ranAt:O}, scheduled for {startAt:O}");
        HistoryShape history = await HistoryAsync(id);
        Assert.Equal(startAt.UtcDateTime, history.Started.ScheduledStartTimestamp.ToDateTime(), TimeSpan.FromMilliseconds(1));
        Assert.Equal(Kind.OrchestratorStarted, history.Events[0].EventTypeCase);
        DateTime firstEpisode = history.Events[0].Timestamp.ToDateTime();
        Assert.True(firstEpisode >= startAt.UtcDateTime, $"First episode at {firstEpisode:O}, scheduled for {startAt:O}");
    }

    [Fact]
    public async Task Terminate_WhileWaiting_TerminatedWithTheGivenOutput()
    {
        string id = NewInstanceId("terminate");
        await StartAsync(WaitForEvent, null, id);
        await Client.WaitForInstanceStartAsync(id, TestDeadline.Token());

        await Client.TerminateInstanceAsync(id, "stopped by operator", TestDeadline.Token());
        OrchestrationMetadata result = await WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, result.RuntimeStatus);
        Assert.Equal("stopped by operator", result.ReadOutputAs<string>());
        HistoryShape history = await HistoryAsync(id);
        Assert.Equal("\"stopped by operator\"", history.One(Kind.ExecutionTerminated).ExecutionTerminated.Input);
        Assert.Equal(0, history.Count(Kind.EventRaised));
        Assert.Equal(ProtoStatus.Terminated, history.Completed.OrchestrationStatus);
    }

    [Fact]
    public async Task Suspend_EventRaisedWhileSuspended_AppliedAfterResume()
    {
        string id = NewInstanceId("suspend");
        await StartAsync(WaitForEvent, null, id);
        await Client.WaitForInstanceStartAsync(id, TestDeadline.Token());

        await Client.SuspendInstanceAsync(id, "maintenance", TestDeadline.Token());
        await WaitForStatusAsync(id, OrchestrationRuntimeStatus.Suspended);
        await Client.RaiseEventAsync(id, Go, "after resume", TestDeadline.Token());
        OrchestrationMetadata whileSuspended = (await Client.GetInstanceAsync(id, TestDeadline.Token()))!;
        await Client.ResumeInstanceAsync(id, "maintenance over", TestDeadline.Token());
        OrchestrationMetadata result = await WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Suspended, whileSuspended.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("after resume", result.ReadOutputAs<string>());
        HistoryShape history = await HistoryAsync(id);
        Assert.Equal("maintenance", history.One(Kind.ExecutionSuspended).ExecutionSuspended.Input);
        Assert.Equal("maintenance over", history.One(Kind.ExecutionResumed).ExecutionResumed.Input);
        Assert.True(history.IndexOf(Kind.ExecutionSuspended) < history.IndexOf(Kind.ExecutionResumed), history.ToString());
        Assert.Equal(1, history.Count(Kind.EventRaised));
    }

    private static void RegisterEventScenarios(DurableTaskRegistry registry)
    {
        registry.AddOrchestratorFunc<string?, string>(WaitForEvent, (context, _) => context.WaitForExternalEvent<string>(Go));

        registry.AddOrchestratorFunc<object?, string>(GateThenWait, async (context, _) =>
        {
            await context.CallActivityAsync(Gate, context.InstanceId);
            return await context.WaitForExternalEvent<string>(Go);
        });
        registry.AddActivityFunc<string>(Gate, (_, key) => ScenarioState.WaitAtGate(key).WaitAsync(TestDeadline.Duration));

        registry.AddOrchestratorFunc<int, List<string>>(CollectEvents, async (context, count) =>
        {
            var items = new List<string>();
            for (int i = 0; i < count; i++)
            {
                items.Add(await context.WaitForExternalEvent<string>("item"));
            }

            return items;
        });

        registry.AddOrchestratorFunc<object?, string>(StatusReporter, async (context, _) =>
        {
            context.SetCustomStatus("waiting for approval");
            string decision = await context.WaitForExternalEvent<string>(Approve);
            context.SetCustomStatus($"approved: {decision}");
            return decision;
        });

        registry.AddOrchestratorFunc<object?, DateTime>(StartTime, (context, _) => context.CurrentUtcDateTime);
    }
}
