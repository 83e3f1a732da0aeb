namespace DurableAgents.History;

/// <summary>The orchestrator sent an event to another instance; EventId is the task id.</summary>
public sealed record EventSentEvent(
    int EventId,
    DateTime Timestamp,
    string InstanceId,
    string Name,
    string? Input)
    : HistoryEvent(EventId, Timestamp);
