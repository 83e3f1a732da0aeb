namespace DurableAgents.History;

/// <summary>The orchestration asked to restart itself with new input.</summary>
public sealed record ContinueAsNewEvent(
    int EventId,
    DateTime Timestamp,
    string? Input)
    : HistoryEvent(EventId, Timestamp);
