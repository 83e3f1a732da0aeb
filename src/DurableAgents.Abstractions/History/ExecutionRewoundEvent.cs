namespace DurableAgents.History;

/// <summary>A rewind request reached a failed instance (recorded; rewinding is not supported yet).</summary>
public sealed record ExecutionRewoundEvent(
    int EventId,
    DateTime Timestamp,
    string? Reason)
    : HistoryEvent(EventId, Timestamp);
