namespace DurableAgents.Agents;

/// <summary>Settings of <see cref="BedrockChatClient"/> (configuration section "Agents:Bedrock").</summary>
public sealed class BedrockOptions
{
    /// <summary>AWS region, e.g. us-east-1. When empty: AWS_REGION, AWS_DEFAULT_REGION, then the profile's region.</summary>
    public string? Region { get; set; }

    /// <summary>
    /// Endpoint URL to call instead of https://bedrock-runtime.{region}.amazonaws.com (a VPC endpoint, a proxy,
    /// a test server). A path in the URL is kept as a prefix of /model/{modelId}/converse.
    /// </summary>
    public string? Endpoint { get; set; }

    /// <summary>Named profile from ~/.aws/credentials or ~/.aws/config; when empty the default AWS chain is used.</summary>
    public string? Profile { get; set; }

    /// <summary>Retries of throttled and failed (5xx, network) calls.</summary>
    public ModelRetryOptions Retry { get; set; } = new();
}
