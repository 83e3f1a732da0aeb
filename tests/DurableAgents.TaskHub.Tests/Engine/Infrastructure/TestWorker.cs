using System.Collections.Concurrent;
using DurableAgents.Converters;
using DurableAgents.Replay;
using Microsoft.DurableTask;

namespace DurableAgents.TaskHub.Tests.Engine.Infrastructure;

/// <summary>
/// A worker loop over a real <see cref="WorkerConnection"/>: runs orchestrators with the replay executor (or a
/// cached <see cref="OrchestrationSession"/> when the connection supports the history cache) and activities
/// from lambdas, and records every work item it received.
/// </summary>
internal sealed class TestWorker : IAsyncDisposable
{
    private readonly TaskHubEngine _engine;
    private readonly WorkerConnectionOptions _options;
    private readonly Dictionary<string, ITaskOrchestrator> _orchestrators = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Func<string?, Task<string?>>> _activities = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, OrchestrationSession> _sessions = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<WorkItem> _received = new();
    /// <summary>The camelCase converter of the in-process client, so payloads read the same on both sides.</summary>
    private static readonly DataConverter Converter = WebJsonDataConverter.Default;

    private readonly OrchestrationExecutor _executor = new(Converter);
    private Task _loop = Task.CompletedTask;

    public TestWorker(TaskHubEngine engine, WorkerConnectionOptions options)
    {
        _engine = engine;
        _options = options;
    }

    public WorkerConnection Connection { get; private set; } = null!;

    public IReadOnlyList<WorkItem> Received => _received.ToArray();

    public IReadOnlyList<OrchestratorWorkItem> OrchestratorItems => _received.OfType<OrchestratorWorkItem>().ToArray();

    /// <summary>Awaited after an episode ran and before its result is handed to the engine (lets a test line completions up).</summary>
    public Func<OrchestratorWorkItem, Task>? BeforeOrchestratorCompletion { get; set; }

    /// <summary>When true, cached replay state is dropped before each episode (a worker that evicted its cache).</summary>
    public bool ForgetSessions { get; set; }

    public TestWorker Orchestration<TInput, TOutput>(string name, Func<TaskOrchestrationContext, TInput, Task<TOutput>> body)
    {
        _orchestrators[name] = Orchestrator.Create(body);
        return this;
    }

    public TestWorker AsyncActivity(string name, Func<string?, Task<string?>> body)
    {
        _activities[name] = body;
        return this;
    }

    public TestWorker Activity(string name, Func<string?, string?> body) => AsyncActivity(name, input => Task.FromResult(body(input)));

    public void Start()
    {
        Connection = _engine.ConnectWorker(_options);
        _loop = Task.Run(RunAsync);
    }

    public async ValueTask DisposeAsync()
    {
        // Handlers still running (e.g. an activity a test holds open) are not awaited: after the disconnect their
        // answers are rejected as stale, which is what a real worker that lost its connection sees.
        Connection.Disconnect();
        await _loop;
    }

    private async Task RunAsync()
    {
        await foreach (WorkItem item in Connection.WorkItems.ReadAllAsync())
        {
            _received.Enqueue(item);
            _ = Task.Run(() => HandleAsync(item));
        }
    }

    private async Task HandleAsync(WorkItem item)
    {
        try
        {
            switch (item)
            {
                case OrchestratorWorkItem orchestration:
                    await RunOrchestratorAsync(orchestration);
                    break;
                case ActivityWorkItem activity:
                    await RunActivityAsync(activity);
                    break;
            }
        }
        catch (StaleCompletionTokenException)
        {
            // The work was handed to someone else meanwhile; dropping the result is the protocol.
        }
        catch (TaskHubNotRunningException)
        {
            // The engine stopped while the item ran.
        }
    }

    private async Task RunOrchestratorAsync(OrchestratorWorkItem item)
    {
        ITaskOrchestrator orchestrator = _orchestrators[item.Name];
        OrchestratorExecutionResult result;
        if (!_options.SupportsHistoryCache)
        {
            result = _executor.Execute(orchestrator, item.PastEvents, item.NewEvents);
        }
        else
        {
            string key = item.InstanceId + "|" + item.ExecutionId;
            if (ForgetSessions)
            {
                _sessions.Clear();
            }

            if (item.PastEventsOmitted)
            {
                if (!_sessions.TryGetValue(key, out OrchestrationSession? cached) || cached.HistoryLength != item.PastEventCount)
                {
                    await _engine.RequireHistoryAsync(item.CompletionToken);
                    return;
                }

                result = cached.Execute([], item.NewEvents);
            }
            else
            {
                var session = new OrchestrationSession(orchestrator, Converter);
                result = session.Execute(item.PastEvents, item.NewEvents);
                _sessions[key] = session;
            }

            if (_sessions.TryGetValue(key, out OrchestrationSession? done) && done.IsCompleted)
            {
                _sessions.TryRemove(key, out _);
            }
        }

        if (BeforeOrchestratorCompletion is { } hold)
        {
            await hold(item);
        }

        await _engine.CompleteOrchestratorWorkItemAsync(item.CompletionToken, result.Actions, result.CustomStatus);
    }

    private async Task RunActivityAsync(ActivityWorkItem item)
    {
        string? output;
        try
        {
            output = await _activities[item.Name](item.Input);
        }
#pragma warning disable CA1031 // An activity's failure, whatever it is, is its result.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await _engine.CompleteActivityWorkItemAsync(item.CompletionToken, null, FailureDetails.FromException(ex));
            return;
        }

        await _engine.CompleteActivityWorkItemAsync(item.CompletionToken, output, null);
    }
}
