using Microsoft.Extensions.Logging;

namespace DurableAgents.Workflows;

/// <summary>
/// Log messages of the shipped workflows (event ids 8100-8199 of the workflows' range 8000-8999; the table is in the top
/// README). Orchestrators write them through <c>context.CreateReplaySafeLogger</c>, so replayed code does not repeat
/// them; each names the instance, so the line carries InstanceId on the official worker too, which adds no scope.
/// </summary>
internal static partial class WorkflowLogs
{
    [LoggerMessage(EventId = 8100, Level = LogLevel.Information,
        Message = "Research {InstanceId}: {Phase} answered by {AgentName} ({Tokens} tokens, cost {Cost})")]
    public static partial void ResearchStepAnswered(ILogger logger, string instanceId, string phase, string agentName, long tokens, decimal cost);

    [LoggerMessage(EventId = 8101, Level = LogLevel.Information,
        Message = "Research {InstanceId}: report on {Topic} written ({Tokens} tokens, cost {Cost})")]
    public static partial void ResearchCompleted(ILogger logger, string instanceId, string topic, long tokens, decimal cost);
}
