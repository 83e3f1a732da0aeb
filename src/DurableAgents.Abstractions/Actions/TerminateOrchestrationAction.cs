namespace DurableAgents.Actions;

/// <summary>Terminate another instance.</summary>
public sealed record TerminateOrchestrationAction(
    int Id,
    string InstanceId,
    string? Reason,
    bool Recurse = false)
    : OrchestratorAction(Id);
