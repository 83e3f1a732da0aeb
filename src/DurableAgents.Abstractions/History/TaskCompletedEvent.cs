namespace DurableAgents.History;

/// <summary>An activity returned a result.</summary>
public sealed record TaskCompletedEvent(
    int EventId,
    DateTime Timestamp,
    int TaskScheduledId,
    string? Result)
    : HistoryEvent(EventId, Timestamp);
