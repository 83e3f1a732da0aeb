namespace DurableAgents.Actions;

/// <summary>Start a sub-orchestration.</summary>
public sealed record CreateSubOrchestrationAction(
    int Id,
    string InstanceId,
    string Name,
    string? Input,
    string? Version = null)
    : OrchestratorAction(Id);
