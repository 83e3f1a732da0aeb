namespace DurableAgents.History;

/// <summary>A free-form event kept for diagnostics; replay ignores it.</summary>
public sealed record GenericEvent(
    int EventId,
    DateTime Timestamp,
    string? Data)
    : HistoryEvent(EventId, Timestamp);
