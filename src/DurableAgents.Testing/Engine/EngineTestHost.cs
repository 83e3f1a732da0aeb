using DurableAgents.Storage.Sqlite;
using DurableAgents.TaskHub;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using OrchestrationMetadata = Microsoft.DurableTask.Client.OrchestrationMetadata;

namespace DurableAgents.Testing.Engine;

/// <summary>
/// Runs orchestrations end to end in one process on the production <see cref="TaskHubEngine"/>, over an in-memory
/// SQLite store, on a virtual clock (<see cref="FakeTimeProvider"/>):
/// <code>
/// await using var host = EngineTestHost.Start(tasks => tasks.AddOrchestratorFunc(...).AddActivityFunc(...));
/// string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("MyFlow", input);
/// var done = await host.WaitForCompletionAsync(id);
/// </code>
/// Virtual time moves only through <see cref="AdvanceTimeAsync"/> or while <see cref="WaitForCompletionAsync"/> waits
/// and the engine has nothing else to do (then straight to the next due timer): a seven-day timer completes at once.
/// Raise events before waiting if they should arrive before a timeout. Activities must not wait for other instances,
/// since the host's worker runs one work item at a time.
/// </summary>
internal sealed class EngineTestHost : IAsyncDisposable
{
    private readonly FakeTimeProvider _clock;
    private readonly object _clockLock = new();
    private readonly SqliteTaskHubStore _store;
    private readonly TaskHubEngine _engine;
    private readonly InProcessWorker _worker;
    private readonly ServiceProvider _services;
    private int _disposed;

    private EngineTestHost(FakeTimeProvider clock, SqliteTaskHubStore store, TaskHubEngine engine, InProcessWorker worker, ServiceProvider services, DataConverter converter)
    {
        _clock = clock;
        _store = store;
        _engine = engine;
        _worker = worker;
        _services = services;
        Client = new TaskHubClient(engine, converter);
    }

    /// <summary>The client that starts and manages instances in this host.</summary>
    public TaskHubClient Client { get; }

    /// <summary>The services orchestrators and activities are created from.</summary>
    public IServiceProvider Services => _services;

    /// <summary>The engine the host runs (for tests that look at it directly).</summary>
    public TaskHubEngine Engine => _engine;

    /// <summary>The host's virtual time (UTC).</summary>
    public DateTime CurrentTime => _clock.GetUtcNow().UtcDateTime;

    /// <summary>Starts a host with the tasks <paramref name="configureTasks"/> registers and the services <paramref name="configureServices"/> adds.</summary>
    public static EngineTestHost Start(
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
        var engine = new TaskHubEngine(store, timeProvider: clock, loggerFactory: loggerFactory);

        // Opening an in-memory store and recovering an empty hub finish without waiting on anything, so blocking here
        // keeps Start synchronous like the host it replaces.
        engine.StartAsync(CancellationToken.None).GetAwaiter().GetResult();
        var worker = new InProcessWorker(engine, registry, services, options.DataConverter, loggerFactory);
        worker.Start();
        return new EngineTestHost(clock, store, engine, worker, services, options.DataConverter);
    }

    /// <summary>
    /// Moves virtual time forward by <paramref name="by"/>: the clock stops at each due timer on the way, in order, until
    /// the engine has finished what that timer started, and the call returns once the engine is idle at the target time.
    /// </summary>
    public async Task AdvanceTimeAsync(TimeSpan by, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        DateTime target = CurrentTime + by;
        while (true)
        {
            EngineQuiescence quiet = await _engine.WhenQuiescentAsync(-1, cancellation).ConfigureAwait(false);
            if (quiet.NextDueAt is not { } due || due > target)
            {
                break;
            }

            MoveClockTo(due);
        }

        MoveClockTo(target);
        await WaitForIdleAsync(cancellation).ConfigureAwait(false);
    }

    /// <summary>Returns once the engine has nothing left to do at the current virtual time (time does not move for this).</summary>
    public async Task WaitForIdleAsync(CancellationToken cancellation = default) =>
        await _engine.WhenQuiescentAsync(-1, cancellation).ConfigureAwait(false);

    /// <summary>
    /// Waits until the instance finishes (completed, failed or terminated), moving virtual time to the next due timer
    /// whenever the engine has nothing else to do. An instance waiting for an event nobody raises, with no timer left,
    /// is not finished: the call then waits until the event is raised or <paramref name="cancellation"/> fires.
    /// </summary>
    /// <exception cref="DurableAgents.Client.InstanceNotFoundException">No such instance.</exception>
    public async Task<OrchestrationMetadata> WaitForCompletionAsync(
        string instanceId, bool getInputsAndOutputs = true, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        Task<OrchestrationMetadata> completion = Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs, stop.Token);
        try
        {
            long seen = -1;
            while (!completion.IsCompleted)
            {
                Task<EngineQuiescence> quiet = _engine.WhenQuiescentAsync(seen, stop.Token);
                await Task.WhenAny(completion, quiet).ConfigureAwait(false);
                if (completion.IsCompleted)
                {
                    break;
                }

                EngineQuiescence state = await quiet.ConfigureAwait(false);
                if (state.NextDueAt is { } due)
                {
                    MoveClockTo(due);
                    seen = -1;
                }
                else
                {
                    // Nothing is due: only a caller (an event, a termination) can move the instance on.
                    seen = state.Progress;
                }
            }

            return await completion.ConfigureAwait(false);
        }
        finally
        {
            // The quiescence wait still pending, if any, ends with the linked token.
            await stop.CancelAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _worker.DisposeAsync().ConfigureAwait(false);
        await _engine.DisposeAsync().ConfigureAwait(false);
        await _store.DisposeAsync().ConfigureAwait(false);
        await _services.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Sets the clock to <paramref name="time"/> unless it is already there or beyond; due timers fire on this thread.</summary>
    private void MoveClockTo(DateTime time)
    {
        lock (_clockLock)
        {
            if (time > CurrentTime)
            {
                _clock.SetUtcNow(new DateTimeOffset(time, TimeSpan.Zero));
            }
        }
    }
}
