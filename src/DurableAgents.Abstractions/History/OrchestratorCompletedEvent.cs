namespace DurableAgents.History;

/// <summary>An episode ended.</summary>
public sealed record OrchestratorCompletedEvent(
    int EventId,
    DateTime Timestamp)
    : HistoryEvent(EventId, Timestamp);
