using DurableAgents.Budgets;

namespace DurableAgents.Agents.Calls;

/// <summary>
/// Input of the InvokeAgent activity (<see cref="AgentCallExtensions.InvokeAgentAsync"/>): which agent, what to do, and the budget share the call may use.
/// Recorded in history as JSON, like every activity input.
/// </summary>
/// <param name="AgentName">Name of a registered agent.</param>
/// <param name="Prompt">The task for the agent.</param>
public sealed record AgentRequest(string AgentName, string Prompt)
{
    /// <summary>Material the agent needs (e.g. results of earlier steps), sent before the prompt.</summary>
    public string? Context { get; init; }

    /// <summary>Token share of this call (estimated input + maximum output); null means unlimited.</summary>
    public long? MaxTokens { get; init; }

    /// <summary>Cost share of this call at the agent's prices; null means unlimited.</summary>
    public decimal? MaxCost { get; init; }

    /// <summary>Lowers the agent's maximum output tokens for this call (never raises it).</summary>
    public int? MaxOutputTokens { get; init; }

    /// <summary>Asks the model for a JSON answer (planners).</summary>
    public bool ExpectJson { get; init; }

    /// <summary>
    /// This request with <paramref name="share"/> as its token and cost share; a limit the share leaves out (null) is
    /// not limited. A null share (a workflow without a budget) leaves the request unchanged.
    /// </summary>
    public AgentRequest WithBudget(WorkflowBudget? share) =>
        share is null ? this : this with { MaxTokens = share.TotalTokens, MaxCost = share.TotalCost };
}
