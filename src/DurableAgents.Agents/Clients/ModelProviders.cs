namespace DurableAgents.Agents;

/// <summary>The provider names accepted in configuration (Agents:Provider and each agent's Provider).</summary>
public static class ModelProviders
{
    /// <summary>Deterministic answers without any network call (the default).</summary>
    public const string Offline = "Offline";

    /// <summary>Amazon Bedrock Runtime, Converse API.</summary>
    public const string Bedrock = "Bedrock";

    /// <summary>Any server that speaks /v1/chat/completions (LiteLLM, Ollama, vLLM, OpenAI).</summary>
    public const string OpenAiCompatible = "OpenAiCompatible";

    /// <summary>Every known provider name.</summary>
    public static IReadOnlyList<string> All { get; } = [Offline, Bedrock, OpenAiCompatible];

    /// <summary>Returns the canonical spelling of <paramref name="provider"/>, or null when it is unknown.</summary>
    public static string? Normalize(string? provider) =>
        All.FirstOrDefault(p => string.Equals(p, provider, StringComparison.OrdinalIgnoreCase));
}
