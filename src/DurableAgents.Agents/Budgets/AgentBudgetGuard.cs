using System.Globalization;
using DurableAgents.Agents.Calls;

namespace DurableAgents.Agents;

/// <summary>Checks a call against its budget share before it is made, and its real usage after.</summary>
internal static class AgentBudgetGuard
{
    /// <summary>The token share that applies: the request's share, capped by the agent's own TokenBudget.</summary>
    public static long? TokenShare(AgentDefinition agent, AgentRequest request) =>
        (request.MaxTokens, agent.TokenBudget) switch
        {
            ({ } share, { } ceiling) => Math.Min(share, ceiling),
            ({ } share, null) => share,
            (null, { } ceiling) => ceiling,
            _ => null,
        };

    /// <summary>
    /// Throws <see cref="BudgetExceededException"/> when the worst case of the call breaks its share. The messages
    /// reach the people who run workflows (in failure details and skipped-step notes), so they name what those people
    /// set: the workflow's <c>budget.totalTokens</c> / <c>budget.totalCost</c> (requests get their share of it through
    /// <see cref="AgentRequest.WithBudget"/>) or the agent's own configuration keys.
    /// </summary>
    public static void EnsureWithinShare(AgentDefinition agent, AgentRequest request, long estimatedInputTokens, int maxOutputTokens)
    {
        long? tokenShare = TokenShare(agent, request);
        long worstTokens = estimatedInputTokens + maxOutputTokens;
        decimal worstCost = agent.CostOf(estimatedInputTokens, maxOutputTokens);
        string estimate = string.Create(
            CultureInfo.InvariantCulture,
            $"{estimatedInputTokens} estimated prompt tokens + {maxOutputTokens} max output tokens = {worstTokens} tokens, worst-case cost {worstCost:0.######}");
        string configuration = $"Agents:Definitions:{agent.Name}";

        if (tokenShare is { } share && worstTokens > share)
        {
            // The agent's own ceiling binds when it is below the workflow's share (or there is no workflow share).
            bool agentCeilingBinds = agent.TokenBudget is { } ceiling && (request.MaxTokens is null || ceiling < request.MaxTokens);
            string source = agentCeilingBinds
                ? $"the agent's own ceiling {configuration}:TokenBudget"
                : "its part of the workflow's budget.totalTokens";
            string advice = agentCeilingBinds
                ? $"Raise {configuration}:TokenBudget, lower {configuration}:MaxTokens (the most it may answer), or shorten the prompt or context."
                : $"Raise budget.totalTokens in the workflow's input, lower {configuration}:MaxTokens (the most it may answer), shorten the prompt or context, or use a cheaper agent.";
            throw new BudgetExceededException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Agent '{agent.Name}' call refused before calling the model: it needs up to {estimate}, but its token share is {share} ({source}). ")
                + advice,
                agent.Name, share, request.MaxCost, worstTokens, worstCost);
        }

        if (request.MaxCost is { } costShare && worstCost > costShare)
        {
            throw new BudgetExceededException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Agent '{agent.Name}' call refused before calling the model: it may cost up to {worstCost:0.######} ({estimate}), but its cost share is {costShare:0.######} (its part of the workflow's budget.totalCost). ")
                + $"Raise budget.totalCost in the workflow's input, lower {configuration}:MaxTokens (the most it may answer), shorten the prompt or context, or use a cheaper agent.",
                agent.Name, tokenShare, costShare, worstTokens, worstCost);
        }
    }

    /// <summary>True when the real usage went over the share (estimates are only estimates).</summary>
    public static bool IsOverShare(AgentDefinition agent, AgentRequest request, long usedTokens, decimal usedCost) =>
        (TokenShare(agent, request) is { } share && usedTokens > share)
        || (request.MaxCost is { } costShare && usedCost > costShare);
}
