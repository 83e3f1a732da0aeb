using System.Globalization;
using DurableAgents.Agents.Calls;

namespace DurableAgents.Workflows.AgentCalls;

/// <summary>One answered agent call in a workflow's report.</summary>
/// <param name="Step">The workflow step it served.</param>
/// <param name="Agent">The agent that answered.</param>
/// <param name="Tokens">Input plus output tokens.</param>
/// <param name="Cost">Cost at the agent's prices.</param>
public sealed record AgentUsage(string Step, string Agent, long Tokens, decimal Cost)
{
    /// <summary>The agent that refused its budget share before <see cref="Agent"/> answered, if any.</summary>
    public string? FellBackFrom { get; init; }

    /// <summary>The usage of an answered call.</summary>
    public static AgentUsage From(string step, AgentCallOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        AgentResult result = outcome.Result ?? throw new ArgumentException("The call has no answer.", nameof(outcome));
        return new AgentUsage(step, result.AgentName, result.TotalTokens, result.Cost)
        {
            FellBackFrom = outcome.FellBack ? outcome.Primary : null,
        };
    }

    /// <inheritdoc/>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Step}: {Agent} ({Tokens} tokens, {Cost:0.######})");
}
