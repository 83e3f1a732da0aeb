namespace DurableAgents.Actions;

/// <summary>Create a durable timer.</summary>
public sealed record CreateTimerAction(
    int Id,
    DateTime FireAt)
    : OrchestratorAction(Id);
