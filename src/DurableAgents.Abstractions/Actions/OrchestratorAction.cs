namespace DurableAgents.Actions;

/// <summary>Something an orchestrator episode asks the engine to do; <see cref="Id"/> is its task id (sequence from 1).</summary>
public abstract record OrchestratorAction(int Id);
