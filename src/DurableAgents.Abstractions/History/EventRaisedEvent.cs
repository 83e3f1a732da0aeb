namespace DurableAgents.History;

/// <summary>An external event, such as a human approval, reached the instance.</summary>
public sealed record EventRaisedEvent(
    int EventId,
    DateTime Timestamp,
    string Name,
    string? Input)
    : HistoryEvent(EventId, Timestamp);
