using DurableAgents.History;

namespace DurableAgents.Actions;

/// <summary>Schedule an activity.</summary>
public sealed record ScheduleTaskAction(
    int Id,
    string Name,
    string? Input,
    string? Version = null,
    IReadOnlyDictionary<string, string>? Tags = null,
    TraceContext? ParentTraceContext = null)
    : OrchestratorAction(Id);
