namespace DurableAgents.Agents;

/// <summary>The agent layer's settings, bound from the configuration section "Agents".</summary>
public sealed class AgentsOptions
{
    /// <summary>Name of the configuration section these options bind from.</summary>
    public const string SectionName = "Agents";

    /// <summary>Provider used by agents that do not name one (see <see cref="ModelProviders"/>).</summary>
    public string Provider { get; set; } = ModelProviders.Offline;

    /// <summary>Amazon Bedrock settings.</summary>
    public BedrockOptions Bedrock { get; set; } = new();

    /// <summary>OpenAI-compatible server settings.</summary>
    public OpenAiCompatibleOptions OpenAiCompatible { get; set; } = new();

    /// <summary>Per-agent circuit breaker settings.</summary>
    public AgentCircuitBreakerOptions CircuitBreaker { get; set; } = new();
}
