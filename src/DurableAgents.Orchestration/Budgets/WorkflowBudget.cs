using DurableAgents.Agents.Calls;

namespace DurableAgents.Budgets;

/// <summary>
/// A token and cost allowance, for a whole workflow or for one share of it. Either limit may be left out (null): that
/// dimension is then not limited, in the budget and in every share of it, so <c>{"totalTokens":60000}</c> limits tokens
/// only. Splitting is exact: the shares always add up to the total (rounding remainders go to the last shares), so a
/// plan never spends more than it had.
/// </summary>
/// <param name="TotalTokens">Tokens (input + output) allowed; null means not limited.</param>
/// <param name="TotalCost">Cost allowed, in the currency of the agents' prices; null means not limited.</param>
public sealed record WorkflowBudget(long? TotalTokens, decimal? TotalCost)
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
            long? tokens = TotalTokens is not { } totalTokens ? null
                : last ? totalTokens : (long)Math.Floor(totalTokens * cumulativeWeight / weightSum);
            decimal? cost = TotalCost is not { } totalCost ? null
                : last ? totalCost : Math.Round(totalCost * cumulativeWeight / weightSum, CostDecimals, MidpointRounding.ToZero);
            shares.Add(new WorkflowBudget(tokens - previousTokens, cost - previousCost));
            previousTokens = tokens ?? 0;
            previousCost = cost ?? 0;
        }

        return shares;
    }

    /// <summary>What is left after spending <paramref name="tokens"/> and <paramref name="cost"/> (never below zero; an unlimited dimension stays unlimited).</summary>
    public WorkflowBudget Spend(long tokens, decimal cost) =>
        new(TotalTokens is { } totalTokens ? Math.Max(0, totalTokens - tokens) : null,
            TotalCost is { } totalCost ? Math.Max(0, totalCost - cost) : null);

    /// <summary>What is left after the call that produced <paramref name="result"/>.</summary>
    public WorkflowBudget Spend(AgentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Spend(result.InputTokens + result.OutputTokens, result.Cost);
    }
}
