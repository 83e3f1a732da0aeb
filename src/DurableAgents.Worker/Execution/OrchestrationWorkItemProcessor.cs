using DurableAgents.Actions;
using DurableAgents.History;
using DurableAgents.Protocol;
using DurableAgents.Replay;
using DurableAgents.Worker.Caching;
using DurableAgents.Worker.Hosting;
using DurableAgents.Worker.Tracing;
using Microsoft.DurableTask;
using Google.Protobuf.WellKnownTypes;
using Microsoft.Extensions.Logging;
using Proto = Microsoft.DurableTask.Protobuf;

namespace DurableAgents.Worker.Execution;

/// <summary>
/// Turns one orchestrator work item into the response for the sidecar: replays the orchestrator (continuing a cached
/// session when the sidecar sent only new events), or asks for the full history when the cache cannot continue.
/// </summary>
internal sealed class OrchestrationWorkItemProcessor
{
    /// <summary>The request property in which a caching sidecar says how many past events it left out.</summary>
    public const string PastEventCountProperty = "durableagents.pastEventCount";

    private readonly RegisteredTasks _tasks;
    private readonly Func<Exception, IDictionary<string, object?>?>? _exceptionProperties;
    private readonly IServiceProvider _services;
    private readonly DataConverter _dataConverter;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly LruCache<SessionKey, OrchestrationSession> _sessions;
    private readonly OrchestrationExecutor _executor;
    private readonly OrchestrationTraceMemories _traces;

    public OrchestrationWorkItemProcessor(
        RegisteredTasks tasks,
        IServiceProvider services,
        DataConverter dataConverter,
        int maxCachedOrchestrations,
        ILoggerFactory loggerFactory,
        Func<Exception, IDictionary<string, object?>?>? exceptionProperties)
    {
        _exceptionProperties = exceptionProperties;
        _tasks = tasks;
        _services = services;
        _dataConverter = dataConverter;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<OrchestrationWorkItemProcessor>();
        _sessions = new LruCache<SessionKey, OrchestrationSession>(maxCachedOrchestrations);
        _traces = new OrchestrationTraceMemories(maxCachedOrchestrations);
        _executor = new OrchestrationExecutor(dataConverter, loggerFactory, exceptionProperties);
    }

    /// <summary>Sessions currently cached (for tests and diagnostics).</summary>
    public int CachedSessionCount => _sessions.Count;

    public bool CachingEnabled => _sessions.Capacity > 0;

    public bool IsCached(string instanceId, string? executionId) => _sessions.Contains(new SessionKey(instanceId, executionId ?? string.Empty));

    /// <summary>
    /// Drops the cached state of an instance whose result the sidecar did not accept: the episode may not be in the
    /// stored history, so the next work item must not be answered from state that assumes it is.
    /// </summary>
    public void Forget(string instanceId, string? executionId)
    {
        var key = new SessionKey(instanceId, executionId ?? string.Empty);
        _sessions.Remove(key);
        _traces.Forget(key);
    }

    public Proto.OrchestratorResponse Process(Proto.OrchestratorRequest request, string completionToken)
    {
        var key = new SessionKey(request.InstanceId, request.ExecutionId ?? string.Empty);
        List<HistoryEvent> pastEvents, newEvents;
        try
        {
            pastEvents = ProtoConverter.ToHistoryEvents(request.PastEvents);
            newEvents = ProtoConverter.ToHistoryEvents(request.NewEvents);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException)
        {
            // History this worker cannot read would fail every redelivery the same way: fail visibly instead.
            _sessions.Remove(key);
            Logs.OrchestrationReplayFailed(_logger, ex, request.InstanceId);
            return Fail(request, ex, completionToken);
        }

        // The episode runs under the orchestration's span, so the calls it schedules name a parent in the caller's trace.
        OrchestrationTraceMemory? memory = _traces.Recall(key, pastEvents, newEvents);
        using var trace = OrchestrationEpisodeTrace.Begin(request, memory);
        Proto.OrchestratorResponse response = Run(request, key, pastEvents, newEvents, completionToken);
        if (!response.RequiresHistory)
        {
            Logs.EpisodeRan(_logger, request.InstanceId, pastEvents.Count, newEvents.Count, response.Actions.Count);
        }

        trace.Complete(newEvents, response, DateTime.UtcNow);
        _traces.Keep(key, memory, response);
        return response;
    }

    private Proto.OrchestratorResponse Run(
        Proto.OrchestratorRequest request, SessionKey key, List<HistoryEvent> pastEvents, List<HistoryEvent> newEvents, string completionToken)
    {
        var omittedPastEvents = pastEvents.Count == 0 ? ReadPastEventCount(request) : 0;
        if (omittedPastEvents > 0)
        {
            return ContinueCachedSession(request, key, omittedPastEvents, newEvents, completionToken);
        }

        _sessions.Remove(key);
        return RunFromHistory(request, key, pastEvents, newEvents, completionToken);
    }

    private Proto.OrchestratorResponse ContinueCachedSession(
        Proto.OrchestratorRequest request, SessionKey key, long omittedPastEvents, IReadOnlyList<HistoryEvent> newEvents, string completionToken)
    {
        if (!_sessions.TryTake(key, out var session))
        {
            Logs.HistoryNotCached(_logger, request.InstanceId);
            return RequireHistory(request, completionToken);
        }

        if (session.HistoryLength != omittedPastEvents)
        {
            Logs.HistoryLengthMismatch(_logger, request.InstanceId, session.HistoryLength, omittedPastEvents);
            return RequireHistory(request, completionToken);
        }

        OrchestratorExecutionResult result;
        try
        {
            result = session.Execute([], newEvents);
        }
        catch (Exception ex)
        {
            // The cached state may be damaged; a replay from the full history decides what really happens.
            Logs.CachedSessionFailed(_logger, ex, request.InstanceId);
            return RequireHistory(request, completionToken);
        }

        Keep(key, session);
        return Respond(request, result.Actions, result.CustomStatus, completionToken);
    }

    private Proto.OrchestratorResponse RunFromHistory(
        Proto.OrchestratorRequest request, SessionKey key, IReadOnlyList<HistoryEvent> pastEvents, IReadOnlyList<HistoryEvent> newEvents, string completionToken)
    {
        var started = FindExecutionStarted(pastEvents) ?? FindExecutionStarted(newEvents);
        if (started is null)
        {
            var missing = new InvalidOperationException(
                $"The work item for orchestration '{request.InstanceId}' has no ExecutionStarted event in its past or new events, so the orchestrator to run is unknown.");
            Logs.OrchestrationReplayFailed(_logger, missing, request.InstanceId);
            return Fail(request, missing, completionToken);
        }

        if (!_tasks.TryCreateOrchestrator(started.Name, _services, out ITaskOrchestrator? orchestrator) || orchestrator is null)
        {
            Logs.OrchestratorNotRegistered(_logger, request.InstanceId, started.Name);
            return Fail(request, new TaskNotRegisteredException("orchestrator", started.Name, _tasks.OrchestratorNames), completionToken);
        }

        try
        {
            if (!CachingEnabled)
            {
                var once = _executor.Execute(orchestrator, pastEvents, newEvents);
                return Respond(request, once.Actions, once.CustomStatus, completionToken);
            }

            var session = new OrchestrationSession(orchestrator, _dataConverter, _loggerFactory, _exceptionProperties);
            var result = session.Execute(pastEvents, newEvents);
            Keep(key, session);
            return Respond(request, result.Actions, result.CustomStatus, completionToken);
        }
        catch (Exception ex)
        {
            Logs.OrchestrationReplayFailed(_logger, ex, request.InstanceId);
            return Fail(request, ex, completionToken);
        }
    }

    private void Keep(SessionKey key, OrchestrationSession session)
    {
        if (!session.IsCompleted)
        {
            _sessions.Put(key, session);
        }
    }

    private static long ReadPastEventCount(Proto.OrchestratorRequest request) =>
        request.Properties.TryGetValue(PastEventCountProperty, out var value) && value.KindCase == Value.KindOneofCase.NumberValue
            ? (long)value.NumberValue
            : 0;

    private static ExecutionStartedEvent? FindExecutionStarted(IReadOnlyList<HistoryEvent> events)
    {
        foreach (var historyEvent in events)
        {
            if (historyEvent is ExecutionStartedEvent started)
            {
                return started;
            }
        }

        return null;
    }

    private static Proto.OrchestratorResponse RequireHistory(Proto.OrchestratorRequest request, string completionToken) => new()
    {
        InstanceId = request.InstanceId,
        CompletionToken = completionToken,
        RequiresHistory = true,
    };

    private static Proto.OrchestratorResponse Fail(Proto.OrchestratorRequest request, Exception exception, string completionToken)
    {
        // Id -1 marks a completion the worker produced itself rather than the orchestrator's code, as other SDKs do.
        var failed = new CompleteOrchestrationAction(-1, OrchestrationStatus.Failed, null, FailureDetails.FromException(exception));
        return Respond(request, [failed], customStatus: null, completionToken);
    }

    private static Proto.OrchestratorResponse Respond(
        Proto.OrchestratorRequest request, IReadOnlyList<OrchestratorAction> actions, string? customStatus, string completionToken)
    {
        var response = new Proto.OrchestratorResponse
        {
            InstanceId = request.InstanceId,
            CompletionToken = completionToken,
            CustomStatus = customStatus,
        };
        foreach (var action in actions)
        {
            response.Actions.Add(ProtoConverter.ToProto(action));
        }

        return response;
    }
}
