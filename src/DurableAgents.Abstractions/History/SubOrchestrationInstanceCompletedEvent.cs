namespace DurableAgents.History;

/// <summary>A sub-orchestration completed with a result.</summary>
public sealed record SubOrchestrationInstanceCompletedEvent(
    int EventId,
    DateTime Timestamp,
    int TaskScheduledId,
    string? Result)
    : HistoryEvent(EventId, Timestamp);
