namespace DurableAgents.History;

/// <summary>The orchestrator created a durable timer; EventId is the task id.</summary>
public sealed record TimerCreatedEvent(
    int EventId,
    DateTime Timestamp,
    DateTime FireAt)
    : HistoryEvent(EventId, Timestamp);
