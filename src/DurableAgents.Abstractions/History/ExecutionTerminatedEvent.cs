namespace DurableAgents.History;

/// <summary>A terminate request reached the instance; Input is the reason or output given.</summary>
public sealed record ExecutionTerminatedEvent(
    int EventId,
    DateTime Timestamp,
    string? Input,
    bool Recurse = false)
    : HistoryEvent(EventId, Timestamp);
