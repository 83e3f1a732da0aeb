namespace DurableAgents.Workflows.Supervisor;

/// <summary>One validated step of a <see cref="SupervisorPlan"/>.</summary>
/// <param name="Id">Unique id within the plan.</param>
/// <param name="Capability">The capability it needs, spelled as the agent catalog spells it.</param>
/// <param name="Task">What the agent should do.</param>
public sealed record PlannedSubtask(string Id, string Capability, string Task)
{
    /// <summary>Ids of earlier subtasks whose results it needs.</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>True when it must wait for human approval before it runs.</summary>
    public bool Risky { get; init; }
}
