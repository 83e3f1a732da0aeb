namespace DurableAgents.StepFunctions.Export;

/// <summary>
/// Choices the ASL export cannot take from the definition alone. By default every Agent state calls the Lambda
/// function <c>${InvokeAgentFunctionArn}</c> (which runs the agent as the InvokeAgent activity does); an agent named in
/// <see cref="BedrockAgents"/> is called through Step Functions' optimized <c>bedrock:invokeModel</c> integration instead.
/// </summary>
public sealed record AslExportOptions
{
    /// <summary>Every agent through the Lambda function.</summary>
    public static AslExportOptions Default { get; } = new();

    /// <summary>The agents to call through <c>bedrock:invokeModel</c>, by agent name, with their models.</summary>
    public IReadOnlyDictionary<string, BedrockAgentModel> BedrockAgents { get; init; } = new Dictionary<string, BedrockAgentModel>();

    /// <summary>
    /// The field names of the agent result a <c>bedrock:invokeModel</c> state produces, which must match the names the
    /// workflow's ResultSelectors and paths use: those of the worker's DataConverter.
    /// </summary>
    public AgentResultFieldNames AgentResultFieldNames { get; init; } = AgentResultFieldNames.CamelCase;
}
