namespace DurableAgents.Agents;

/// <summary>One agent: what it can do, which model answers for it, and what it may spend.</summary>
public sealed record AgentDefinition
{
    /// <summary>Unique name (case-insensitive), e.g. "researcher".</summary>
    public string Name { get; init; } = string.Empty;

    /// <summary>Free text describing what the agent is good at (shown to planners).</summary>
    public string? Description { get; init; }

    /// <summary>Capability tags used to pick agents for plan steps, e.g. "research", "writing".</summary>
    public IReadOnlyList<string> Capabilities { get; init; } = [];

    /// <summary>Provider name (see <see cref="ModelProviders"/>); null uses <see cref="AgentsOptions.Provider"/>.</summary>
    public string? Provider { get; init; }

    /// <summary>Model id for the provider, e.g. anthropic.claude-3-haiku-20240307-v1:0; optional for Offline.</summary>
    public string? Model { get; init; }

    /// <summary>The agent's system prompt.</summary>
    public string? SystemPrompt { get; init; }

    /// <summary>Maximum output tokens per call.</summary>
    public int MaxTokens { get; init; } = 1024;

    /// <summary>Sampling temperature (0..2); null leaves the model's default.</summary>
    public float? Temperature { get; init; }

    /// <summary>Longest a single call may take, retries included.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(120);

    /// <summary>Ceiling on tokens (input + output) of one call, applied on top of the request's budget share.</summary>
    public long? TokenBudget { get; init; }

    /// <summary>Price of 1,000 input tokens, in the currency budgets use.</summary>
    public decimal InputPricePer1kTokens { get; init; }

    /// <summary>Price of 1,000 output tokens, in the currency budgets use.</summary>
    public decimal OutputPricePer1kTokens { get; init; }

    /// <summary>True when the agent lists <paramref name="capability"/> (case-insensitive).</summary>
    public bool HasCapability(string capability) =>
        Capabilities.Any(c => string.Equals(c, capability, StringComparison.OrdinalIgnoreCase));

    /// <summary>Cost of a call that used the given tokens, at this agent's prices.</summary>
    public decimal CostOf(long inputTokens, long outputTokens) =>
        (inputTokens * InputPricePer1kTokens + outputTokens * OutputPricePer1kTokens) / 1000m;
}
