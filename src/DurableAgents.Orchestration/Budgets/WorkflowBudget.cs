using DurableAgents.Agents.Calls;

namespace DurableAgents.Budgets;

/// <summary>
/// A token and cost allowance, for a whole workflow or for one share of it. Splitting is exact: the shares
/// always add up to the total (rounding remainders go to the last shares), so a plan never spends more than it had.
/// </summary>
/// <param name="TotalTokens">Tokens (input + output) allowed.</param>
/// <param name="TotalCost">Cost allowed, in the currency of the agents' prices.</param>
public sealed record WorkflowBudget(long TotalTokens, decimal TotalCost)
{
    private const int CostDecimals = 8;

    /// <summary>Splits the budget into <paramref name="parts"/> equal shares (differing by at most one token).</summary>
    public IReadOnlyList<WorkflowBudget> Split(int parts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        return SplitWeighted(Enumerable.Repeat(1m, parts).ToList());
    }

    /// <summary>Splits the budget in proportion to <paramref name="weights"/> (each at least 0, at least one above 0).</summary>
    public IReadOnlyList<WorkflowBudget> SplitWeighted(IReadOnlyList<decimal> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count == 0 || weights.Any(w => w < 0) || weights.Sum() <= 0)
        {
            throw new ArgumentException("Budget weights must not be empty or negative, and at least one must be above 0.", nameof(weights));
        }

        decimal weightSum = weights.Sum();
        var shares = new List<WorkflowBudget>(weights.Count);
        decimal cumulativeWeight = 0;
        long previousTokens = 0;
        decimal previousCost = 0;
        for (int i = 0; i < weights.Count; i++)
        {
            cumulativeWeight += weights[i];
            bool last = i == weights.Count - 1;

            // Each share is the difference of rounded cumulative totals, so the shares telescope to the total.
            long tokens = last ? TotalTokens : (long)Math.Floor(TotalTokens * cumulativeWeight / weightSum);
            decimal cost = last ? TotalCost : Math.Round(TotalCost * cumulativeWeight / weightSum, CostDecimals, MidpointRounding.ToZero);
            shares.Add(new WorkflowBudget(tokens - previousTokens, cost - previousCost));
            previousTokens = tokens;
            previousCost = cost;
        }

        return shares;
    }

    /// <summary>What is left after spending <paramref name="tokens"/> and <paramref name="cost"/> (never below zero).</summary>
    public WorkflowBudget Spend(long tokens, decimal cost) =>
        new(Math.Max(0, TotalTokens - tokens), Math.Max(0, TotalCost - cost));

    /// <summary>What is left after the call that produced <paramref name="result"/>.</summary>
    public WorkflowBudget Spend(AgentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Spend(result.InputTokens + result.OutputTokens, result.Cost);
    }
}
