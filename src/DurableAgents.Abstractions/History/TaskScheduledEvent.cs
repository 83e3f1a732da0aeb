namespace DurableAgents.History;

/// <summary>The orchestrator scheduled an activity; EventId is the task id.</summary>
/// <remarks><see cref="ParentTraceContext"/> is the scheduling span the worker named; the activity's span is its child.</remarks>
public sealed record TaskScheduledEvent(
    int EventId,
    DateTime Timestamp,
    string Name,
    string? Input,
    string? Version = null,
    IReadOnlyDictionary<string, string>? Tags = null,
    TraceContext? ParentTraceContext = null)
    : HistoryEvent(EventId, Timestamp);
