using System.Text.Json.Serialization;

namespace DurableAgents.Agents.Calls;

/// <summary>
/// Output of the InvokeAgent activity (<see cref="AgentCallExtensions.InvokeAgentAsync"/>). It is recorded in history as JSON, so a replay reads the answer
/// from history and never calls the model again.
/// </summary>
/// <param name="AgentName">The agent that answered.</param>
/// <param name="Text">The answer text.</param>
public sealed record AgentResult(string AgentName, string Text)
{
    /// <summary>Provider that served the call.</summary>
    public string Provider { get; init; } = string.Empty;

    /// <summary>Model that answered.</summary>
    public string Model { get; init; } = string.Empty;

    /// <summary>Input tokens as the provider counted them (estimated when it did not say).</summary>
    public long InputTokens { get; init; }

    /// <summary>Output tokens as the provider counted them (estimated when it did not say).</summary>
    public long OutputTokens { get; init; }

    /// <summary>Input plus output tokens.</summary>
    [JsonIgnore]
    public long TotalTokens => InputTokens + OutputTokens;

    /// <summary>Cost of the call at the agent's prices.</summary>
    public decimal Cost { get; init; }

    /// <summary>Time from sending the request to having the answer, retries included.</summary>
    public long LatencyMilliseconds { get; init; }

    /// <summary>Why the model stopped (stop, length, tool_calls, content_filter, ...).</summary>
    public string? FinishReason { get; init; }

    /// <summary>Instance id and task id of the call ("{instanceId}:{taskId}"), also sent to the provider.</summary>
    public string CorrelationId { get; init; } = string.Empty;

    /// <summary>True when the call used more tokens or cost than its share (the answer is still returned).</summary>
    public bool OverBudget { get; init; }
}
