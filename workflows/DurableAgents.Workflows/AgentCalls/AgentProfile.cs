namespace DurableAgents.Workflows.AgentCalls;

/// <summary>What orchestrator code may know about one configured agent: what it can do and what a call costs.</summary>
/// <param name="Name">The agent's name.</param>
/// <param name="Capabilities">Its capability tags.</param>
public sealed record AgentProfile(string Name, IReadOnlyList<string> Capabilities)
{
    /// <summary>The provider that serves it (Offline, Bedrock, OpenAiCompatible).</summary>
    public string Provider { get; init; } = string.Empty;

    /// <summary>Maximum output tokens per call.</summary>
    public int MaxTokens { get; init; }

    /// <summary>The agent's own ceiling on the tokens of one call, if any.</summary>
    public long? TokenBudget { get; init; }

    /// <summary>Price of 1,000 input tokens.</summary>
    public decimal InputPricePer1kTokens { get; init; }

    /// <summary>Price of 1,000 output tokens.</summary>
    public decimal OutputPricePer1kTokens { get; init; }

    /// <summary>True when the agent lists <paramref name="capability"/> (case-insensitive).</summary>
    public bool HasCapability(string capability) =>
        Capabilities.Any(c => string.Equals(c, capability, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// True when a call to this agent costs less than one to <paramref name="other"/>: a lower price per 1,000 input
    /// plus output tokens, or the same price and a smaller worst-case token footprint (which is what a token share checks).
    /// </summary>
    public bool IsCheaperThan(AgentProfile other)
    {
        ArgumentNullException.ThrowIfNull(other);
        decimal price = InputPricePer1kTokens + OutputPricePer1kTokens;
        decimal otherPrice = other.InputPricePer1kTokens + other.OutputPricePer1kTokens;
        return price < otherPrice || (price == otherPrice && Footprint < other.Footprint);
    }

    private long Footprint => TokenBudget is { } ceiling ? Math.Min(ceiling, MaxTokens) : MaxTokens;
}
