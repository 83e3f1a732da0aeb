using Microsoft.Extensions.Logging;

namespace DurableAgents.Agents;

/// <summary>Every log message of the agent layer, with stable event ids (7000-7999; the table is in the top README).</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 7000, Level = LogLevel.Warning,
        Message = "{Provider} call failed (attempt {Attempt} of {MaxAttempts}, error {ErrorCode}); retrying in {DelayMs} ms: {Reason}")]
    public static partial void RetryingModelCall(
        ILogger logger, string provider, int attempt, int maxAttempts, double delayMs, string? errorCode, string? reason);

    [LoggerMessage(EventId = 7001, Level = LogLevel.Debug,
        Message = "{Provider} call for model {ModelId} (correlation {CorrelationId})")]
    public static partial void CallingModel(ILogger logger, string provider, string modelId, string? correlationId);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Information,
        Message = "Agent {AgentName} answered (correlation {CorrelationId}): {InputTokens} input + {OutputTokens} output tokens, cost {Cost}, {LatencyMs} ms, over budget: {OverBudget}")]
    public static partial void AgentAnswered(
        ILogger logger, string agentName, string correlationId, long inputTokens, long outputTokens, decimal cost, long latencyMs, bool overBudget);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Warning,
        Message = "Agent {AgentName} call refused before calling the model (correlation {CorrelationId}): {Reason}")]
    public static partial void BudgetRefused(ILogger logger, string agentName, string correlationId, string reason);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Warning,
        Message = "Agent {AgentName} call failed (correlation {CorrelationId})")]
    public static partial void AgentFailed(ILogger logger, Exception exception, string agentName, string correlationId);

    [LoggerMessage(EventId = 7005, Level = LogLevel.Warning,
        Message = "Circuit of agent {AgentName} opened for {BreakDurationMs} ms after repeated failures")]
    public static partial void CircuitOpened(ILogger logger, string agentName, double breakDurationMs);

    [LoggerMessage(EventId = 7006, Level = LogLevel.Information, Message = "Circuit of agent {AgentName} closed again")]
    public static partial void CircuitClosed(ILogger logger, string agentName);

    [LoggerMessage(EventId = 7007, Level = LogLevel.Warning,
        Message = "Agent {AgentName} used more than its share (correlation {CorrelationId}): {UsedTokens} tokens of {ShareTokens}, cost {UsedCost} of {ShareCost}")]
    public static partial void OverBudget(
        ILogger logger, string agentName, string correlationId, long usedTokens, long? shareTokens, decimal usedCost, decimal? shareCost);
}
