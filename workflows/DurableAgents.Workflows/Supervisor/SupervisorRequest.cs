using DurableAgents.Budgets;

namespace DurableAgents.Workflows.Supervisor;

/// <summary>Input of <see cref="SupervisorWorkflow"/>.</summary>
/// <param name="Request">What the user wants done, in plain language.</param>
public sealed record SupervisorRequest(string Request)
{
    /// <summary>
    /// Tokens and cost the whole run may use; null means unlimited, and so does a limit left out of it
    /// (<c>{"totalTokens":60000}</c> limits tokens only). A fifth goes to planning; what is left after
    /// planning is split among the subtasks (one part each) and the synthesis (two parts).
    /// </summary>
    public WorkflowBudget? Budget { get; init; }

    /// <summary>Capabilities whose subtasks always wait for human approval (the planner may also mark a step "risky").</summary>
    public IReadOnlyList<string> RiskyCapabilities { get; init; } = [];

    /// <summary>How long a risky subtask waits for approval (orchestration time).</summary>
    public TimeSpan ApprovalTimeout { get; init; } = TimeSpan.FromDays(1);

    /// <summary>When true an approval that times out fails the run; by default the subtask is skipped.</summary>
    public bool FailOnApprovalTimeout { get; init; }

    /// <summary>
    /// A channel to publish the final report to. When set, the run opens a tracking ticket first and, after
    /// publishing, resolves it; a failure after either side effect undoes them (CancelTicket, UnpublishReport).
    /// </summary>
    public string? PublishTo { get; init; }

    /// <summary>The planner agent.</summary>
    public string Planner { get; init; } = "planner";

    /// <summary>The synthesizer agent.</summary>
    public string Synthesizer { get; init; } = "synthesizer";

    /// <summary>How many times the planner is asked for a valid plan before the run fails.</summary>
    public int MaxPlanAttempts { get; init; } = 3;

    /// <summary>The most subtasks a plan may have.</summary>
    public int MaxSubtasks { get; init; } = 8;
}
