namespace DurableAgents.StepFunctions.Export;

/// <summary>How the agent result's fields are named in JSON, after the worker's DataConverter.</summary>
public enum AgentResultFieldNames
{
    /// <summary><c>text</c>, <c>inputTokens</c>, ...: <c>WebJsonDataConverter</c> (the host's).</summary>
    CamelCase,

    /// <summary><c>Text</c>, <c>InputTokens</c>, ...: <c>JsonDataConverter.Default</c>.</summary>
    DotNet,
}
