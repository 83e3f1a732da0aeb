using DurableAgents.Logging;
using DurableAgents.Actions;
using DurableAgents.Replay;
using DurableAgents.TaskHub;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Testing.Internal;

/// <summary>
/// The test host's worker: connected to the <see cref="TaskHubEngine"/> in the same process, as the sidecar's work-item
/// stream connects a remote worker. Orchestrator episodes replay the full history with <see cref="OrchestrationExecutor"/>
/// (so nondeterministic orchestrator code fails here as in production); activities are created from the registry's
/// factories, each in its own service scope. Work items run one at a time in the order the engine hands them out, each
/// answered (and committed) before the next starts, so a run is repeatable.
/// </summary>
internal sealed class InProcessWorker : IAsyncDisposable
{
    private readonly TaskHubEngine _engine;
    private readonly RegistryLookup _registry;
    private readonly IServiceProvider _services;
    private readonly DataConverter _converter;
    private readonly OrchestrationExecutor _executor;
    private readonly ActivityScope _activities;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private WorkerConnection? _connection;
    private Task _loop = Task.CompletedTask;

    public InProcessWorker(
        TaskHubEngine engine, DurableTaskRegistry registry, IServiceProvider services, DataConverter converter, ActivityScope activities, ILoggerFactory loggerFactory)
    {
        _engine = engine;
        _registry = new RegistryLookup(registry);
        _services = services;
        _converter = converter;
        _activities = activities;
        _executor = new OrchestrationExecutor(converter, loggerFactory);
        _logger = loggerFactory.CreateLogger("DurableAgents.Testing");
    }

    /// <summary>Connects to the engine and starts taking work items.</summary>
    public void Start()
    {
        // Every name is accepted: an unregistered one fails its instance or activity with a message that says so,
        // instead of leaving the work parked for a worker that never comes.
        _connection = _engine.ConnectWorker(new WorkerConnectionOptions { Name = "DurableAgents.Testing in-process worker" });
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Disconnects (unanswered work goes back to the engine) and waits for the loop to end.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        _connection?.Disconnect();
        await _loop.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task RunAsync()
    {
        await foreach (WorkItem item in _connection!.WorkItems.ReadAllAsync().ConfigureAwait(false))
        {
            try
            {
                switch (item)
                {
                    case OrchestratorWorkItem orchestration:
                        await RunOrchestratorAsync(orchestration).ConfigureAwait(false);
                        break;
                    case ActivityWorkItem activity:
                        await RunActivityAsync(activity).ConfigureAwait(false);
                        break;
                }
            }
            catch (StaleCompletionTokenException)
            {
                // The work was handed elsewhere meanwhile; dropping the answer is the protocol.
            }
            catch (TaskHubNotRunningException)
            {
                // The engine stopped while the item ran.
            }
#pragma warning disable CA1031 // A fault answering one item must not stop the worker; the item goes back to the engine.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Logs.WorkItemCrashed(_logger, item.CompletionToken, item.InstanceId, ex);
                await HandBackAsync(item).ConfigureAwait(false);
            }
        }
    }

    private async Task RunOrchestratorAsync(OrchestratorWorkItem item)
    {
        IReadOnlyList<OrchestratorAction> actions;
        string? customStatus = null;
        if (!_registry.TryGetOrchestrator(item.Name, out Func<IServiceProvider, ITaskOrchestrator>? factory))
        {
            Logs.OrchestratorNotRegistered(_logger, item.InstanceId, item.Name);
            actions = [Fail(new FailureDetails(
                "OrchestratorNotFound",
                $"No orchestrator named '{item.Name}' is registered with the test host. Register it in DurableTaskTestHost.Start(tasks => tasks.AddOrchestrator...)."))];
        }
        else
        {
            try
            {
                OrchestratorExecutionResult result;
                using (InstanceLogScope.Begin(_logger, item.InstanceId))
                {
                    result = _executor.Execute(factory(_services), item.PastEvents, item.NewEvents);
                }

                actions = result.Actions;
                customStatus = result.CustomStatus;
            }
#pragma warning disable CA1031 // Creating the orchestrator (dependency injection) or replaying failed: the instance fails with it.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                actions = [Fail(FailureDetails.FromException(ex))];
            }
        }

        await _engine.CompleteOrchestratorWorkItemAsync(item.CompletionToken, actions, customStatus).ConfigureAwait(false);
    }

    private async Task RunActivityAsync(ActivityWorkItem item)
    {
        string? output = null;
        FailureDetails? failure = null;
        if (!_registry.TryGetActivity(item.Name, out Func<IServiceProvider, ITaskActivity>? factory))
        {
            Logs.ActivityNotRegistered(_logger, item.InstanceId, item.Name);
            failure = new FailureDetails(
                "ActivityNotFound",
                $"No activity named '{item.Name}' is registered with the test host. Register it in DurableTaskTestHost.Start(tasks => tasks.AddActivity...).");
        }
        else
        {
            try
            {
                AsyncServiceScope scope = _services.CreateAsyncScope();
                await using (scope.ConfigureAwait(false))
                {
                    ITaskActivity activity = factory(scope.ServiceProvider);
                    object? input = _converter.Deserialize(item.Input, activity.InputType);
                    var context = new TestActivityContext(new TaskName(item.Name), item.InstanceId, item.TaskId, _stopping.Token);
                    // As on the worker, the activity's lines carry the instance id; the engine calls stay outside the scope.
                    using (_activities.Enter())
                    using (InstanceLogScope.Begin(_logger, item.InstanceId))
                    {
                        output = _converter.Serialize(await activity.RunAsync(context, input).ConfigureAwait(false));
                    }
                }
            }
#pragma warning disable CA1031 // An activity's failure, whatever it is, is its result.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                failure = FailureDetails.FromException(ex);
            }
        }

        await _engine.CompleteActivityWorkItemAsync(item.CompletionToken, output, failure).ConfigureAwait(false);
    }

    private async Task HandBackAsync(WorkItem item)
    {
        try
        {
            Task abandon = item is OrchestratorWorkItem
                ? _engine.AbandonOrchestratorWorkItemAsync(item.CompletionToken)
                : _engine.AbandonActivityWorkItemAsync(item.CompletionToken);
            await abandon.ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is StaleCompletionTokenException or TaskHubNotRunningException)
        {
            // Already answered, expired or stopped: nothing left to hand back.
        }
    }

    private static CompleteOrchestrationAction Fail(FailureDetails failure) =>
        new(-1, OrchestrationStatus.Failed, null, failure);
}
