using DurableAgents.History;

namespace DurableAgents.Actions;

/// <summary>Start a sub-orchestration; the child instance gets <see cref="Tags"/> as its own tags.</summary>
public sealed record CreateSubOrchestrationAction(
    int Id,
    string InstanceId,
    string Name,
    string? Input,
    string? Version = null,
    IReadOnlyDictionary<string, string>? Tags = null,
    TraceContext? ParentTraceContext = null)
    : OrchestratorAction(Id);
