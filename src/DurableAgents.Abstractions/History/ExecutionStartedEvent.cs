namespace DurableAgents.History;

/// <summary>The instance was started with a name and input (first event of every generation).</summary>
public sealed record ExecutionStartedEvent(
    int EventId,
    DateTime Timestamp,
    string Name,
    string InstanceId,
    string? ExecutionId,
    string? Input,
    string? Version = null,
    ParentInstanceInfo? ParentInstance = null,
    DateTime? ScheduledStartTime = null,
    IReadOnlyDictionary<string, string>? Tags = null)
    : HistoryEvent(EventId, Timestamp);
