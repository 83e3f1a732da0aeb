namespace DurableAgents.History;

/// <summary>A sub-orchestration failed.</summary>
public sealed record SubOrchestrationInstanceFailedEvent(
    int EventId,
    DateTime Timestamp,
    int TaskScheduledId,
    TaskFailureDetails FailureDetails)
    : HistoryEvent(EventId, Timestamp);
