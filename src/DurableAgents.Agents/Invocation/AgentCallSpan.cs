using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace DurableAgents.Agents;

/// <summary>
/// The span of one agent's model call (a child of the activity's span), with the OpenTelemetry gen_ai semantic
/// conventions' attributes where they fit and the call's cost, which they do not cover, as <c>durableagents.cost</c>.
/// </summary>
public static class AgentCallSpan
{
    /// <summary>The activity source of agent call spans.</summary>
    public const string SourceName = "DurableAgents.Agents";

    /// <summary>The conventions' operation for a chat completion; the span is named "chat {model}".</summary>
    public const string Operation = "chat";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>Starts the span of a call to <paramref name="agent"/>'s model; null when nobody listens.</summary>
    internal static Activity? Start(AgentDefinition agent, ChatOptions options, string correlationId)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        string model = agent.Model ?? string.Empty;
        Activity? span = Source.StartActivity(string.IsNullOrEmpty(model) ? Operation : $"{Operation} {model}", ActivityKind.Client);
        if (span is null)
        {
            return null;
        }

        span.SetTag("gen_ai.operation.name", Operation);
        span.SetTag("gen_ai.system", SystemOf(agent.Provider));
        span.SetTag("gen_ai.agent.name", agent.Name);
        span.SetTag("gen_ai.request.model", model);
        span.SetTag("gen_ai.request.max_tokens", options.MaxOutputTokens);
        if (options.Temperature is { } temperature)
        {
            span.SetTag("gen_ai.request.temperature", (double)temperature);
        }

        span.SetTag("durableagents.agent.provider", agent.Provider);
        span.SetTag("durableagents.correlation_id", correlationId);
        return span;
    }

    /// <summary>Records what the model answered and what the call cost.</summary>
    internal static void Answered(Activity? span, ChatResponse response, long inputTokens, long outputTokens, decimal cost, bool overBudget)
    {
        if (span is null)
        {
            return;
        }

        if (response.ModelId is { Length: > 0 } model)
        {
            span.SetTag("gen_ai.response.model", model);
        }

        if (response.FinishReason is { } finish)
        {
            span.SetTag("gen_ai.response.finish_reasons", new[] { finish.Value });
        }

        span.SetTag("gen_ai.usage.input_tokens", inputTokens);
        span.SetTag("gen_ai.usage.output_tokens", outputTokens);

        // Exporters carry doubles, not decimals.
        span.SetTag("durableagents.cost", (double)cost);
        span.SetTag("durableagents.over_budget", overBudget);
    }

    /// <summary>Marks the call failed with the exception's type, as the conventions' error.type.</summary>
    internal static void Failed(Activity? span, Exception exception)
    {
        if (span is null)
        {
            return;
        }

        span.SetTag("error.type", exception.GetType().FullName);
        span.SetStatus(ActivityStatusCode.Error, exception.Message);
    }

    /// <summary>The conventions' well-known gen_ai.system values for our providers; offline is ours.</summary>
    private static string SystemOf(string? provider) => provider switch
    {
        ModelProviders.Bedrock => "aws.bedrock",
        ModelProviders.OpenAiCompatible => "openai",
        _ => "durableagents.offline",
    };
}
