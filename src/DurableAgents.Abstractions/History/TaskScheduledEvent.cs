namespace DurableAgents.History;

/// <summary>The orchestrator scheduled an activity; EventId is the task id.</summary>
public sealed record TaskScheduledEvent(
    int EventId,
    DateTime Timestamp,
    string Name,
    string? Input,
    string? Version = null,
    IReadOnlyDictionary<string, string>? Tags = null)
    : HistoryEvent(EventId, Timestamp);
