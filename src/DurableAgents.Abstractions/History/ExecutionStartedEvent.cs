namespace DurableAgents.History;

/// <summary>The instance was started with a name and input (first event of every generation).</summary>
/// <remarks><see cref="ParentTraceContext"/> is the span of whoever started it (client or parent orchestration).</remarks>
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
    IReadOnlyDictionary<string, string>? Tags = null,
    TraceContext? ParentTraceContext = null)
    : HistoryEvent(EventId, Timestamp);
