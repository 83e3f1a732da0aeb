namespace DurableAgents.Agents;

/// <summary>One step of an <see cref="AgentPlan"/>: a task for an agent with the named capability.</summary>
/// <param name="Id">Unique id within the plan, e.g. step-1.</param>
/// <param name="Capability">The capability an agent needs to do the task (matched against the registry).</param>
/// <param name="Task">What the agent should do, as a prompt.</param>
public sealed record AgentPlanStep(string Id, string Capability, string Task)
{
    /// <summary>Ids of steps whose results this step needs; empty when it can start at once.</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];
}
