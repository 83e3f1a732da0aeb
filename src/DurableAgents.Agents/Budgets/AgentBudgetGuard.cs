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

    /// <summary>Throws <see cref="BudgetExceededException"/> when the worst case of the call breaks its share.</summary>
    public static void EnsureWithinShare(AgentDefinition agent, AgentRequest request, long estimatedInputTokens, int maxOutputTokens)
    {
        long? tokenShare = TokenShare(agent, request);
        long worstTokens = estimatedInputTokens + maxOutputTokens;
        decimal worstCost = agent.CostOf(estimatedInputTokens, maxOutputTokens);
        string estimate = string.Create(
            CultureInfo.InvariantCulture,
            $"{estimatedInputTokens} estimated prompt tokens + {maxOutputTokens} max output tokens = {worstTokens} tokens, worst-case cost {worstCost:0.######}");

        if (tokenShare is { } share && worstTokens > share)
        {
            throw new BudgetExceededException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Agent '{agent.Name}' call refused before calling the model: it needs up to {estimate}, but its token share is {share}. ")
                + "Give the call a larger share (AgentRequest.MaxTokens or the agent's TokenBudget), shorten the prompt "
                + "or context, or lower AgentRequest.MaxOutputTokens; or fall back to a cheaper path in the orchestrator.",
                agent.Name, share, request.MaxCost, worstTokens, worstCost);
        }

        if (request.MaxCost is { } costShare && worstCost > costShare)
        {
            throw new BudgetExceededException(
                string.Create(
                    CultureInfo.InvariantCulture,
                    $"Agent '{agent.Name}' call refused before calling the model: it may cost up to {worstCost:0.######} ({estimate}), but its cost share is {costShare:0.######}. ")
                + "Give the call a larger cost share (AgentRequest.MaxCost), shorten the prompt, lower "
                + "AgentRequest.MaxOutputTokens, or use a cheaper agent.",
                agent.Name, tokenShare, costShare, worstTokens, worstCost);
        }
    }

    /// <summary>True when the real usage went over the share (estimates are only estimates).</summary>
    public static bool IsOverShare(AgentDefinition agent, AgentRequest request, long usedTokens, decimal usedCost) =>
        (TokenShare(agent, request) is { } share && usedTokens > share)
        || (request.MaxCost is { } costShare && usedCost > costShare);
}
