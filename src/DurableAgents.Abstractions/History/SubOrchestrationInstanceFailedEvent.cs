namespace DurableAgents.History;

/// <summary>A sub-orchestration failed.</summary>
public sealed record SubOrchestrationInstanceFailedEvent(
    int EventId,
    DateTime Timestamp,
    int TaskScheduledId,
    FailureDetails FailureDetails)
    : HistoryEvent(EventId, Timestamp);
