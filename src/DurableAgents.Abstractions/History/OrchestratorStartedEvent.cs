namespace DurableAgents.History;

/// <summary>An episode began; its timestamp is the orchestration's current time for that episode.</summary>
public sealed record OrchestratorStartedEvent(
    int EventId,
    DateTime Timestamp)
    : HistoryEvent(EventId, Timestamp);
