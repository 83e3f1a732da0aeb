using DurableAgents.Agents.Calls;

namespace DurableAgents.Workflows.AgentCalls;

/// <summary>
/// A workflow step could not run because every agent able to do it refused its budget share. The message carries each
/// refusal, which names the limit it broke (the workflow's budget.totalTokens or budget.totalCost, or an agent's own
/// TokenBudget) and what to change.
/// </summary>
public sealed class BudgetExhaustedException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public BudgetExhaustedException()
        : base("Every agent that could do the step refused its budget share.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public BudgetExhaustedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public BudgetExhaustedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The exception for <paramref name="step"/>, listing each refusal.</summary>
    public static BudgetExhaustedException For(string step, AgentCallOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        return new BudgetExhaustedException(
            $"Step '{step}' could not run: every agent able to do it refused its budget share. "
            + string.Join(" ", outcome.BudgetRefusals)
            + " An agent with the same capability and a smaller MaxTokens or lower prices would also fit.");
    }
}
