using DurableAgents.Conformance.Tests.Infrastructure;
using Kind = Microsoft.DurableTask.Protobuf.HistoryEvent.EventTypeOneofCase;

namespace DurableAgents.Conformance.Tests.Scenarios;

using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

/// <summary>Durable timers: firing, cancellation, races with events, event wait timeouts.</summary>
public abstract partial class ConformanceScenarios
{
    private const string Timer = "Timer";
    private const string CancellableTimer = "CancellableTimer";
    private const string Race = "Race";
    private const string EventWithTimeout = "EventWithTimeout";
    private const string Approve = "approve";

    [Fact]
    public async Task DurableTimer_Fires_AtTheRequestedTime()
    {
        string id = NewInstanceId("timer");

        OrchestrationMetadata result = await RunAsync(Timer, 500, id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        DateTime fireAt = result.ReadOutputAs<DateTime>();
        HistoryShape history = await HistoryAsync(id);
        Assert.Equal([Kind.ExecutionStarted, Kind.TimerCreated, Kind.TimerFired, Kind.ExecutionCompleted], history.Kinds);
        Assert.Equal(fireAt, history.One(Kind.TimerCreated).TimerCreated.FireAt.ToDateTime());
        Assert.Equal(fireAt, history.One(Kind.TimerFired).TimerFired.FireAt.ToDateTime());
        Assert.Equal(history.One(Kind.TimerCreated).EventId, history.One(Kind.TimerFired).TimerFired.TimerId);

        // A timer never fires early.
        DateTime firedAt = history.One(Kind.TimerFired).Timestamp.ToDateTime();
        Assert.True(firedAt >= fireAt, $"Fired at {firedAt:O}, due at {fireAt:O}");
    }

    [Fact]
    public async Task DurableTimer_CancelledAfterAnEventWins_CompletesWithoutWaitingForIt()
    {
        string id = NewInstanceId("timer-cancelled");
        await StartAsync(CancellableTimer, null, id);

        await Client.RaiseEventAsync(id, Approve, "yes", TestDeadline.Token());
        OrchestrationMetadata result = await WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("timer cancelled after event yes", result.ReadOutputAs<string>());
        HistoryShape history = await HistoryAsync(id);
        Assert.Equal(1, history.Count(Kind.TimerCreated));
        Assert.Equal(0, history.Count(Kind.TimerFired));
        Assert.Equal(Approve, history.One(Kind.EventRaised).EventRaised.Name);
    }

    [Fact]
    public async Task TimerRacingEvent_EventFirst_EventWins()
    {
        string id = NewInstanceId("race-event");
        await StartAsync(Race, (int)TimeSpan.FromHours(1).TotalMilliseconds, id);

        await Client.RaiseEventAsync(id, Approve, "fast", TestDeadline.Token());
        OrchestrationMetadata result = await WaitForCompletionAsync(id);

        Assert.Equal("event:fast", result.ReadOutputAs<string>());
        HistoryShape history = await HistoryAsync(id);
        Assert.Equal(1, history.Count(Kind.TimerCreated));
        Assert.Equal(0, history.Count(Kind.TimerFired));
        Assert.Equal(1, history.Count(Kind.EventRaised));
    }

    [Fact]
    public async Task TimerRacingEvent_TimerFirst_TimerWins()
    {
        string id = NewInstanceId("race-timer");

        OrchestrationMetadata result = await RunAsync(Race, 300, id);

        Assert.Equal("timer", result.ReadOutputAs<string>());
        HistoryShape history = await HistoryAsync(id);
        Assert.Equal([Kind.ExecutionStarted, Kind.TimerCreated, Kind.TimerFired, Kind.ExecutionCompleted], history.Kinds);
    }

    [Fact]
    public async Task WaitForExternalEvent_Timeout_ThrowsTaskCanceledException()
    {
        string id = NewInstanceId("event-timeout");

        OrchestrationMetadata result = await RunAsync(EventWithTimeout, 300, id);

        // The SDK ends a timed-out wait with TaskCanceledException (an OperationCanceledException).
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(typeof(TaskCanceledException).FullName, result.ReadOutputAs<string>());
        HistoryShape history = await HistoryAsync(id);
        Assert.Equal([Kind.ExecutionStarted, Kind.TimerCreated, Kind.TimerFired, Kind.ExecutionCompleted], history.Kinds);
    }

    private static void RegisterTimerScenarios(DurableTaskRegistry registry)
    {
        registry.AddOrchestratorFunc<int, DateTime>(Timer, async (context, delayMs) =>
        {
            DateTime fireAt = context.CurrentUtcDateTime.AddMilliseconds(delayMs);
            await context.CreateTimer(fireAt, CancellationToken.None);
            return fireAt;
        });

        registry.AddOrchestratorFunc<object?, string>(CancellableTimer, async (context, _) =>
        {
            using var cancel = new CancellationTokenSource();
            Task timer = context.CreateTimer(TimeSpan.FromHours(1), cancel.Token);
            Task<string> approval = context.WaitForExternalEvent<string>(Approve);
            if (await Task.WhenAny(timer, approval) != approval)
            {
                return "timer fired";
            }

            cancel.Cancel();
            try
            {
                await timer;
                return "timer completed after cancellation";
            }
            catch (OperationCanceledException)
            {
                return $"timer cancelled after event {approval.Result}";
            }
        });

        registry.AddOrchestratorFunc<int, string>(Race, async (context, timerMs) =>
        {
            using var cancel = new CancellationTokenSource();
            Task timer = context.CreateTimer(TimeSpan.FromMilliseconds(timerMs), cancel.Token);
            Task<string> approval = context.WaitForExternalEvent<string>(Approve, cancel.Token);
            Task winner = await Task.WhenAny(timer, approval);
            cancel.Cancel();
            return winner == approval ? $"event:{approval.Result}" : "timer";
        });

        registry.AddOrchestratorFunc<int, string>(EventWithTimeout, async (context, timeoutMs) =>
        {
            try
            {
                return "received " + await context.WaitForExternalEvent<string>("never", TimeSpan.FromMilliseconds(timeoutMs));
            }
            catch (OperationCanceledException e)
            {
                return e.GetType().FullName!;
            }
        });
    }
}
