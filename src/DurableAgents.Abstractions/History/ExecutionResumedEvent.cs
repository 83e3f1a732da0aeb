namespace DurableAgents.History;

/// <summary>A resume request reached a suspended instance.</summary>
public sealed record ExecutionResumedEvent(
    int EventId,
    DateTime Timestamp,
    string? Reason)
    : HistoryEvent(EventId, Timestamp);
