namespace DurableAgents.StepFunctions.Export;

/// <summary>
/// An agent's model as the export writes it into a <c>bedrock:invokeModel</c> request; the values come from the agent
/// registry (<c>Agents:Definitions:&lt;name&gt;</c> in appsettings.json).
/// </summary>
/// <param name="ModelId">The Bedrock foundation model id, e.g. <c>anthropic.claude-3-haiku-20240307-v1:0</c>.</param>
public sealed record BedrockAgentModel(string ModelId)
{
    /// <summary>The agent's system prompt; null or empty sends none.</summary>
    public string? SystemPrompt { get; init; }

    /// <summary>The most tokens the model may answer with.</summary>
    public int MaxTokens { get; init; } = 1024;

    /// <summary>The sampling temperature; null leaves the model's default.</summary>
    public double? Temperature { get; init; }
}
