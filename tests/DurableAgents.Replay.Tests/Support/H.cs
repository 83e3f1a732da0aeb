using DurableAgents.History;

namespace DurableAgents.Replay.Tests.Support;

/// <summary>Short constructors for hand-built history events (times are offsets from <see cref="T0"/>).</summary>
internal static class H
{
    public static readonly DateTime T0 = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public const string InstanceId = "instance-1";

    public static DateTime At(double seconds) => T0.AddSeconds(seconds);

    public static OrchestratorStartedEvent OrchestratorStarted(double atSeconds = 0) => new(-1, At(atSeconds));

    public static ExecutionStartedEvent ExecutionStarted(string name = "Orchestrator", string? input = null, ParentInstanceInfo? parent = null, string instanceId = InstanceId) =>
        new(-1, T0, name, instanceId, "exec-1", input, ParentInstance: parent);

    /// <summary>The first episode's new events: OrchestratorStarted then ExecutionStarted.</summary>
    public static HistoryEvent[] Start(string name = "Orchestrator", string? input = null) =>
        [OrchestratorStarted(), ExecutionStarted(name, input)];

    public static TaskScheduledEvent TaskScheduled(int id, string name, string? input = null) => new(id, T0, name, input);

    public static TaskCompletedEvent TaskCompleted(int id, string? result) => new(-1, T0, id, result);

    public static TaskFailedEvent TaskFailed(int id, string message = "boom", bool nonRetriable = false) =>
        new(-1, T0, id, new FailureDetails("System.InvalidOperationException", message, "   at Activity()", null, nonRetriable));

    public static TimerCreatedEvent TimerCreated(int id, DateTime fireAt) => new(id, T0, fireAt);

    public static TimerFiredEvent TimerFired(int id, DateTime fireAt) => new(-1, fireAt, id, fireAt);

    public static SubOrchestrationInstanceCreatedEvent SubOrchestrationCreated(int id, string name, string instanceId, string? input = null) =>
        new(id, T0, instanceId, name, input);

    public static SubOrchestrationInstanceCompletedEvent SubOrchestrationCompleted(int id, string? result) => new(-1, T0, id, result);

    public static SubOrchestrationInstanceFailedEvent SubOrchestrationFailed(int id, string message = "child failed") =>
        new(-1, T0, id, new FailureDetails("System.ArgumentException", message));

    public static EventRaisedEvent EventRaised(string name, string? input) => new(-1, T0, name, input);

    public static EventSentEvent EventSent(int id, string instanceId, string name, string? input = null) => new(id, T0, instanceId, name, input);

    public static ExecutionTerminatedEvent Terminated(string? reason) => new(-1, T0, reason);

    public static ExecutionCompletedEvent Completed(OrchestrationStatus status, string? result) => new(-1, T0, status, result);

    public static HistoryEvent[] Events(params HistoryEvent[] events) => events;

    public static HistoryEvent[] None => [];
}
