namespace DurableAgents.Agents.Calls;

/// <summary>What <see cref="AgentCallExtensions.InvokeWithFallbackAsync"/> got: an answer, or only budget refusals.</summary>
/// <param name="Result">The answer, or null when every candidate refused the budget share.</param>
/// <param name="BudgetRefusals">Why each refusing candidate refused (BudgetExceededException messages), in order.</param>
/// <param name="Primary">The first candidate, the agent the call was meant for.</param>
public sealed record AgentCallOutcome(AgentResult? Result, IReadOnlyList<string> BudgetRefusals, string Primary)
{
    /// <summary>True when a cheaper agent answered because the primary refused its share.</summary>
    public bool FellBack => Result is not null && !string.Equals(Result.AgentName, Primary, StringComparison.OrdinalIgnoreCase);
}
