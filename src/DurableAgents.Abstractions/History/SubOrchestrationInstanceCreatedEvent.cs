namespace DurableAgents.History;

/// <summary>The orchestrator started a sub-orchestration; EventId is the task id.</summary>
/// <remarks>The child is created with <see cref="Tags"/> and starts under <see cref="ParentTraceContext"/>.</remarks>
public sealed record SubOrchestrationInstanceCreatedEvent(
    int EventId,
    DateTime Timestamp,
    string InstanceId,
    string Name,
    string? Input,
    string? Version = null,
    IReadOnlyDictionary<string, string>? Tags = null,
    TraceContext? ParentTraceContext = null)
    : HistoryEvent(EventId, Timestamp);
