namespace DurableAgents.Actions;

/// <summary>Send an event to another instance.</summary>
public sealed record SendEventAction(
    int Id,
    string InstanceId,
    string Name,
    string? Data)
    : OrchestratorAction(Id);
