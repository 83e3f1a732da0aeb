namespace DurableAgents.Workflows.Supervisor;

/// <summary>One subtask of the plan and how it ended.</summary>
/// <param name="Id">The plan step's id.</param>
/// <param name="Capability">The capability it needed.</param>
/// <param name="Task">What the agent was asked to do.</param>
/// <param name="Status">Completed or skipped.</param>
public sealed record SubtaskOutcome(string Id, string Capability, string Task, SubtaskStatus Status)
{
    /// <summary>Ids of the subtasks whose results it received.</summary>
    public IReadOnlyList<string> DependsOn { get; init; } = [];

    /// <summary>True when it waited for human approval.</summary>
    public bool Risky { get; init; }

    /// <summary>The agent that answered, when completed.</summary>
    public string? Agent { get; init; }

    /// <summary>The agent's answer, when completed.</summary>
    public string? Result { get; init; }

    /// <summary>Why it was skipped, or that a cheaper agent answered.</summary>
    public string? Note { get; init; }

    /// <summary>Who approved it, for risky subtasks.</summary>
    public string? Approver { get; init; }

    /// <summary>Input plus output tokens of the answer.</summary>
    public long Tokens { get; init; }

    /// <summary>Cost of the answer.</summary>
    public decimal Cost { get; init; }
}
