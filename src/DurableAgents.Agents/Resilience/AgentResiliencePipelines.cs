using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace DurableAgents.Agents;

/// <summary>
/// One resilience pipeline per agent (keep this a singleton): a circuit breaker around a timeout. The breaker
/// counts provider failures that may heal (throttling, 5xx, network, timeouts); request errors such as validation
/// do not open it. Retries happen inside the model clients, for retryable errors only.
/// </summary>
public sealed class AgentResiliencePipelines
{
    private readonly AgentCircuitBreakerOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<string, Lazy<Entry>> _entries = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates the pipelines' home.</summary>
    public AgentResiliencePipelines(
        AgentCircuitBreakerOptions options,
        ILogger<AgentResiliencePipelines>? logger = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The pipeline of <paramref name="agent"/>, created on first use.</summary>
    public ResiliencePipeline GetPipeline(AgentDefinition agent)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return GetEntry(agent).Pipeline;
    }

    /// <summary>The circuit state of <paramref name="agentName"/>; Closed for an agent not called yet.</summary>
    public CircuitState GetCircuitState(string agentName) =>
        _entries.TryGetValue(agentName, out Lazy<Entry>? entry) && entry.IsValueCreated
            ? entry.Value.State.CircuitState
            : CircuitState.Closed;

    /// <summary>The configured break duration (how long an open circuit refuses calls).</summary>
    public TimeSpan BreakDuration => _options.BreakDuration;

    private Entry GetEntry(AgentDefinition agent) =>
        _entries.GetOrAdd(agent.Name, _ => new Lazy<Entry>(() => Create(agent))).Value;

    private Entry Create(AgentDefinition agent)
    {
        var state = new CircuitBreakerStateProvider();
        ResiliencePipeline pipeline = new ResiliencePipelineBuilder { TimeProvider = _timeProvider }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = _options.FailureRatio,
                MinimumThroughput = _options.MinimumThroughput,
                SamplingDuration = _options.SamplingDuration,
                BreakDuration = _options.BreakDuration,
                StateProvider = state,
                ShouldHandle = new PredicateBuilder()
                    .Handle<ModelProviderException>(e => e.IsRetryable)
                    .Handle<TimeoutRejectedException>()
                    .Handle<HttpRequestException>(),
                OnOpened = args =>
                {
                    Logs.CircuitOpened(_logger, agent.Name, args.BreakDuration.TotalMilliseconds);
                    return ValueTask.CompletedTask;
                },
                OnClosed = _ =>
                {
                    Logs.CircuitClosed(_logger, agent.Name);
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(agent.Timeout)
            .Build();
        return new Entry(pipeline, state);
    }

    private sealed record Entry(ResiliencePipeline Pipeline, CircuitBreakerStateProvider State);
}
