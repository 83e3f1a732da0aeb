namespace DurableAgents.Agents;

/// <summary>Settings of <see cref="OpenAiCompatibleChatClient"/> (configuration section "Agents:OpenAiCompatible").</summary>
public sealed class OpenAiCompatibleOptions
{
    /// <summary>
    /// Base URL up to and including the API version, e.g. http://localhost:4000/v1 (LiteLLM) or
    /// http://localhost:11434/v1 (Ollama); requests go to {BaseUrl}/chat/completions.
    /// </summary>
    public string? BaseUrl { get; set; }

    /// <summary>Sent as "Authorization: Bearer {ApiKey}" when set.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Retries of throttled and failed (5xx, network) calls.</summary>
    public ModelRetryOptions Retry { get; set; } = new();
}
