using DurableAgents.History;
using DurableAgents.Storage.Sqlite;
using DurableAgents.TaskHub;
using DurableAgents.Testing.Internal;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace DurableAgents.Testing;

/// <summary>
/// Runs orchestrations end to end in one process with virtual time, for unit tests of workflows, on the production
/// engine (<see cref="TaskHubEngine"/>) over an in-memory SQLite store and a virtual clock (<see cref="FakeTimeProvider"/>):
/// <code>
/// await using var host = DurableTaskTestHost.Start(tasks => tasks.AddOrchestratorFunc(...).AddActivityFunc(...));
/// string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("MyFlow", input);
/// await host.AdvanceTimeAsync(TimeSpan.FromDays(3));
/// OrchestrationMetadata done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);
/// </code>
/// <para>
/// <see cref="Client"/> is the engine's in-process official client, so calls succeed and fail as they do against the
/// sidecar. Every episode replays the instance's full history with our executor, so nondeterministic orchestrator code
/// fails here as it would in production. The host's worker runs one work item at a time in the order the engine hands
/// them out, and the ids the engine chooses come from a counter, so the same calls give the same histories.
/// </para>
/// <para>
/// Client calls that change an instance (schedule, raise, suspend, resume, terminate, restart, purge) return once the
/// engine has nothing left to do at the current virtual time. Virtual time moves only while a WaitForInstance* call
/// waits (to the next due timer, as often as needed) or when <see cref="AdvanceTimeAsync"/> is called: a seven-day
/// timer completes at once. Raise events before waiting if they should arrive before a timeout. Waiting for an instance
/// that waits for an event nobody raises, with no timer left, does not return: pass a cancellation token in such tests.
/// Activities must not wait for other instances through the client, since the worker runs one item at a time.
/// </para>
/// </summary>
public sealed class DurableTaskTestHost : IAsyncDisposable
{
    private readonly SqliteTaskHubStore _store;
    private readonly TaskHubEngine _engine;
    private readonly InProcessWorker _worker;
    private readonly VirtualTimeDriver _time;
    private readonly ServiceProvider _services;
    private readonly CancellationTokenSource _disposing;
    private int _disposed;

    private DurableTaskTestHost(
        SqliteTaskHubStore store, TaskHubEngine engine, InProcessWorker worker, VirtualTimeDriver time, ServiceProvider services,
        DataConverter converter, CancellationTokenSource disposing)
    {
        _store = store;
        _engine = engine;
        _worker = worker;
        _time = time;
        _services = services;
        _disposing = disposing;
        Client = new TestHostClient(new TaskHubClient(engine, converter, "DurableTaskTestHost"), time, disposing.Token);
    }

    /// <summary>The client that starts and manages instances in this host.</summary>
    public DurableTaskClient Client { get; }

    /// <summary>The services orchestrators and activities are created from.</summary>
    public IServiceProvider Services => _services;

    /// <summary>The host's virtual time (UTC).</summary>
    public DateTime CurrentTime => _time.CurrentTime;

    /// <summary>The engine the host runs, for tests that look at it directly.</summary>
    internal TaskHubEngine Engine => _engine;

    /// <summary>Starts a host with the tasks <paramref name="configureTasks"/> registers and the services <paramref name="configureServices"/> adds.</summary>
    public static DurableTaskTestHost Start(
        Action<DurableTaskRegistry> configureTasks,
        Action<IServiceCollection>? configureServices = null,
        DurableTaskTestHostOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(configureTasks);
        options ??= new DurableTaskTestHostOptions();
        ArgumentNullException.ThrowIfNull(options.DataConverter, nameof(options.DataConverter));
        var registry = new DurableTaskRegistry();
        configureTasks(registry);
        var serviceCollection = new ServiceCollection();
        configureServices?.Invoke(serviceCollection);
        ServiceProvider services = serviceCollection.BuildServiceProvider();
        ILoggerFactory loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;

        var clock = new FakeTimeProvider(new DateTimeOffset(DateTime.SpecifyKind(options.StartTime, DateTimeKind.Utc)));
        var store = new SqliteTaskHubStore(new SqliteTaskHubStoreOptions { InMemory = true }, timeProvider: clock);
        var identifiers = new SequentialIdentifiers();
        var engine = new TaskHubEngine(store, new TaskHubOptions { IdentifierSource = identifiers.Next }, clock, loggerFactory);

        // Opening an in-memory store and recovering an empty hub finish without waiting on anything, so blocking here
        // keeps Start synchronous.
        engine.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        var activities = new ActivityScope();
        var worker = new InProcessWorker(engine, registry, services, options.DataConverter, activities, loggerFactory);
        worker.Start();
        var time = new VirtualTimeDriver(clock, engine, activities);
        return new DurableTaskTestHost(store, engine, worker, time, services, options.DataConverter, new CancellationTokenSource());
    }

    /// <summary>
    /// An instance's current execution's history as the engine's records, oldest first (the official client's history
    /// read returns DurableTask.Core events, which this host does not produce).
    /// </summary>
    /// <exception cref="InstanceNotFoundException">No such instance.</exception>
    public async Task<IList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellation = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return [.. await _engine.GetHistoryAsync(instanceId, cancellation).ConfigureAwait(false)];
    }

    /// <summary>
    /// Moves virtual time forward by <paramref name="by"/>: the clock stops at each due timer on the way, in order, until
    /// the engine has finished what that timer started, and the call returns once the engine is idle at the target time.
    /// </summary>
    public Task AdvanceTimeAsync(TimeSpan by, CancellationToken cancellation = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return _time.AdvanceAsync(by, cancellation);
    }

    /// <summary>Returns once nothing is left to run at the current virtual time (time does not move for this).</summary>
    public Task WaitForIdleAsync(CancellationToken cancellation = default)
    {
        ObjectDisposedException.ThrowIf(_disposed != 0, this);
        return _time.WhenIdleAsync(cancellation);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _disposing.CancelAsync().ConfigureAwait(false);
        await _worker.DisposeAsync().ConfigureAwait(false);
        await _engine.DisposeAsync().ConfigureAwait(false);
        await _store.DisposeAsync().ConfigureAwait(false);
        await _services.DisposeAsync().ConfigureAwait(false);
    }
}
