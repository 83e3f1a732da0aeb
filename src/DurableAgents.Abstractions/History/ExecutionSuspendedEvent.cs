namespace DurableAgents.History;

/// <summary>A suspend request reached the instance; new events are kept until it resumes.</summary>
public sealed record ExecutionSuspendedEvent(
    int EventId,
    DateTime Timestamp,
    string? Reason)
    : HistoryEvent(EventId, Timestamp);
