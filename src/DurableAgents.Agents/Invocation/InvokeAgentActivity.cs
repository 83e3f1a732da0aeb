using DurableAgents.Activities;
using DurableAgents.Agents.Calls;
using DurableAgents.Logging;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Microsoft.DurableTask;

namespace DurableAgents.Agents;

/// <summary>
/// The activity that asks an agent's model: checks the budget share, calls the model through the agent's circuit
/// breaker and timeout with a correlation id of instance id and task id, and returns the answer with its tokens,
/// cost and latency. Registered as "InvokeAgent"; orchestrators call it with
/// <see cref="AgentCallExtensions.InvokeAgentAsync"/>.
/// </summary>
[DurableTask(ActivityName)]
public sealed class InvokeAgentActivity : TaskActivity<AgentRequest, AgentResult>
{
    /// <summary>The name the activity is registered and scheduled under.</summary>
    public const string ActivityName = AgentCallExtensions.InvokeAgentActivityName;

    private readonly IAgentRegistry _registry;
    private readonly IChatClientFactory _clients;
    private readonly AgentResiliencePipelines _pipelines;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly AgentMetrics? _metrics;

    /// <summary>Creates the activity (normally by the worker, from the service provider).</summary>
    public InvokeAgentActivity(
        IAgentRegistry registry,
        IChatClientFactory clients,
        AgentResiliencePipelines pipelines,
        ILogger<InvokeAgentActivity>? logger = null,
        TimeProvider? timeProvider = null,
        AgentMetrics? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(clients);
        ArgumentNullException.ThrowIfNull(pipelines);
        _registry = registry;
        _clients = clients;
        _pipelines = pipelines;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _metrics = metrics;
    }

    /// <inheritdoc/>
    public override async Task<AgentResult> RunAsync(TaskActivityContext context, AgentRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        AgentDefinition agent = _registry.Get(input.AgentName);
        // instanceId:taskId names this call on the DurableAgents executor; other executors do not tell activities their
        // task id, so the instance id is the closest correlation they allow.
        string correlationId = context is IActivityInvocation ? context.GetIdempotencyKey() : context.InstanceId;
        // The instance id too: the official worker runs activities without a scope of its own.
        using IDisposable? scope = _logger.BeginScope(new Dictionary<string, object>
        {
            ["CorrelationId"] = correlationId,
            [InstanceLogScope.PropertyName] = context.InstanceId,
        });

        List<ChatMessage> messages = BuildMessages(agent, input);
        int maxOutputTokens = Math.Min(agent.MaxTokens, input.MaxOutputTokens ?? agent.MaxTokens);
        long estimatedInputTokens = TokenEstimator.Estimate(messages);
        try
        {
            AgentBudgetGuard.EnsureWithinShare(agent, input, estimatedInputTokens, maxOutputTokens);
        }
        catch (BudgetExceededException exception)
        {
            Logs.BudgetRefused(_logger, agent.Name, correlationId, exception.Message);
            throw;
        }

        var options = new ChatOptions
        {
            ModelId = agent.Model,
            MaxOutputTokens = maxOutputTokens,
            Temperature = agent.Temperature,
            ResponseFormat = input.ExpectJson ? ChatResponseFormat.Json : null,
        }.WithCorrelationId(correlationId);

        IChatClient client = _clients.GetClient(agent);
        using System.Diagnostics.Activity? span = AgentCallSpan.Start(agent, options, correlationId);
        long started = _timeProvider.GetTimestamp();
        ChatResponse response;
        try
        {
            response = await CallAsync(agent, client, messages, options, correlationId, context.GetCancellationToken()).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            AgentCallSpan.Failed(span, exception);
            throw;
        }

        long latencyMs = (long)_timeProvider.GetElapsedTime(started).TotalMilliseconds;

        string text = response.Text;
        long inputTokens = response.Usage?.InputTokenCount ?? estimatedInputTokens;
        long outputTokens = response.Usage?.OutputTokenCount ?? TokenEstimator.Estimate(text);
        decimal cost = agent.CostOf(inputTokens, outputTokens);
        bool overBudget = AgentBudgetGuard.IsOverShare(agent, input, inputTokens + outputTokens, cost);
        if (overBudget)
        {
            Logs.OverBudget(_logger, agent.Name, correlationId, inputTokens + outputTokens, AgentBudgetGuard.TokenShare(agent, input), cost, input.MaxCost);
        }

        AgentCallSpan.Answered(span, response, inputTokens, outputTokens, cost, overBudget);
        _metrics?.Record(agent.Name, inputTokens, outputTokens, cost);
        Logs.AgentAnswered(_logger, agent.Name, correlationId, inputTokens, outputTokens, cost, latencyMs, overBudget);
        return new AgentResult(agent.Name, text)
        {
            Provider = agent.Provider ?? string.Empty,
            Model = response.ModelId ?? agent.Model ?? string.Empty,
            InputTokens = inputTokens,
            OutputTokens = outputTokens,
            Cost = cost,
            LatencyMilliseconds = latencyMs,
            FinishReason = response.FinishReason?.Value,
            CorrelationId = correlationId,
            OverBudget = overBudget,
        };
    }

    private async Task<ChatResponse> CallAsync(
        AgentDefinition agent,
        IChatClient client,
        List<ChatMessage> messages,
        ChatOptions options,
        string correlationId,
        CancellationToken cancellationToken)
    {
        try
        {
            return await _pipelines.GetPipeline(agent).ExecuteAsync(
                async token => await client.GetResponseAsync(messages, options, token).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
        }
        catch (BrokenCircuitException exception)
        {
            Logs.AgentFailed(_logger, exception, agent.Name, correlationId);
            throw new AgentUnavailableException(
                $"Agent '{agent.Name}' is not called for now: its circuit opened after repeated provider failures "
                + $"(break of {_pipelines.BreakDuration.TotalSeconds:0.#} s). Check the provider's health and quotas; a "
                + "durable retry after the break, or another agent with the same capability, may succeed.",
                exception);
        }
        catch (TimeoutRejectedException exception)
        {
            Logs.AgentFailed(_logger, exception, agent.Name, correlationId);
            throw new AgentTimeoutException(
                $"Agent '{agent.Name}' did not answer within its timeout of {agent.Timeout}. Raise Timeout in its "
                + "definition, lower MaxTokens, or check the provider's latency.",
                exception);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Logs.AgentFailed(_logger, exception, agent.Name, correlationId);
            throw;
        }
    }

    private static List<ChatMessage> BuildMessages(AgentDefinition agent, AgentRequest input)
    {
        var messages = new List<ChatMessage>(2);
        if (!string.IsNullOrWhiteSpace(agent.SystemPrompt))
        {
            messages.Add(new ChatMessage(ChatRole.System, agent.SystemPrompt));
        }

        string user = string.IsNullOrWhiteSpace(input.Context)
            ? input.Prompt
            : $"Context:{Environment.NewLine}{input.Context}{Environment.NewLine}{Environment.NewLine}Task:{Environment.NewLine}{input.Prompt}";
        messages.Add(new ChatMessage(ChatRole.User, user));
        return messages;
    }
}
