namespace DurableAgents.Workflows.Supervisor;

/// <summary>Output of <see cref="SupervisorWorkflow"/>.</summary>
/// <param name="Request">The request as given.</param>
/// <param name="Goal">The goal as the planner stated it.</param>
/// <param name="Answer">The synthesizer's merged answer.</param>
public sealed record SupervisorReport(string Request, string Goal, string Answer)
{
    /// <summary>The agent that wrote <see cref="Answer"/>.</summary>
    public string SynthesizedBy { get; init; } = string.Empty;

    /// <summary>Every subtask of the plan, in plan order.</summary>
    public IReadOnlyList<SubtaskOutcome> Subtasks { get; init; } = [];

    /// <summary>How many times the planner was asked before its plan was valid.</summary>
    public int PlanAttempts { get; init; }

    /// <summary>Answered agent calls (planner attempts, subtasks, synthesis).</summary>
    public int AgentCalls { get; init; }

    /// <summary>Tokens used by all answered calls.</summary>
    public long TotalTokens { get; init; }

    /// <summary>Cost of all answered calls.</summary>
    public decimal TotalCost { get; init; }

    /// <summary>The tracking ticket, when <see cref="SupervisorRequest.PublishTo"/> was set.</summary>
    public string? TicketId { get; init; }

    /// <summary>The published report's id, when <see cref="SupervisorRequest.PublishTo"/> was set.</summary>
    public string? ReportId { get; init; }
}
