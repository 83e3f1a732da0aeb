using System.Text.Json.Serialization;

namespace DurableAgents.History;

/// <summary>
/// One immutable entry of an orchestration's append-only history. <see cref="EventId"/> is the task id for
/// events that an action scheduled (TaskScheduled, TimerCreated, SubOrchestrationInstanceCreated, EventSent)
/// and -1 for the others; <see cref="Timestamp"/> is always given explicitly (UTC), never read from a clock.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$type")]
[JsonDerivedType(typeof(ExecutionStartedEvent), "ExecutionStarted")]
[JsonDerivedType(typeof(ExecutionCompletedEvent), "ExecutionCompleted")]
[JsonDerivedType(typeof(ExecutionTerminatedEvent), "ExecutionTerminated")]
[JsonDerivedType(typeof(ExecutionSuspendedEvent), "ExecutionSuspended")]
[JsonDerivedType(typeof(ExecutionResumedEvent), "ExecutionResumed")]
[JsonDerivedType(typeof(ExecutionRewoundEvent), "ExecutionRewound")]
[JsonDerivedType(typeof(ContinueAsNewEvent), "ContinueAsNew")]
[JsonDerivedType(typeof(TaskScheduledEvent), "TaskScheduled")]
[JsonDerivedType(typeof(TaskCompletedEvent), "TaskCompleted")]
[JsonDerivedType(typeof(TaskFailedEvent), "TaskFailed")]
[JsonDerivedType(typeof(SubOrchestrationInstanceCreatedEvent), "SubOrchestrationInstanceCreated")]
[JsonDerivedType(typeof(SubOrchestrationInstanceCompletedEvent), "SubOrchestrationInstanceCompleted")]
[JsonDerivedType(typeof(SubOrchestrationInstanceFailedEvent), "SubOrchestrationInstanceFailed")]
[JsonDerivedType(typeof(TimerCreatedEvent), "TimerCreated")]
[JsonDerivedType(typeof(TimerFiredEvent), "TimerFired")]
[JsonDerivedType(typeof(OrchestratorStartedEvent), "OrchestratorStarted")]
[JsonDerivedType(typeof(OrchestratorCompletedEvent), "OrchestratorCompleted")]
[JsonDerivedType(typeof(EventSentEvent), "EventSent")]
[JsonDerivedType(typeof(EventRaisedEvent), "EventRaised")]
[JsonDerivedType(typeof(GenericEvent), "Generic")]
[JsonDerivedType(typeof(HistoryStateEvent), "HistoryState")]
public abstract record HistoryEvent(int EventId, DateTime Timestamp);
