using DurableAgents.History;
using Microsoft.DurableTask.Client;
using DurableAgents.Testing.Internal;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.DurableTask;
using TaskName = Microsoft.DurableTask.TaskName;

namespace DurableAgents.Testing;

/// <summary>
/// Runs orchestrations end to end in one process with virtual time, for unit tests of workflows:
/// <code>
/// await using var host = DurableTaskTestHost.Start(tasks => tasks.AddOrchestratorFunc(...).AddActivityFunc(...));
/// string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("MyFlow", input);
/// OrchestrationMetadata done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);
/// </code>
/// Every episode replays the instance's full history with <see cref="Replay.OrchestrationExecutor"/>, so
/// nondeterministic orchestrator code fails here as it would in production. Work runs one item at a time in FIFO
/// order (activities too), so a run is repeatable. Client calls that change an instance (schedule, raise, suspend,
/// resume, terminate, restart) return once the host has nothing left to run at the current virtual time.
/// Virtual time moves only while a WaitForInstance* call waits (to the next due timer, as often as needed) or when
/// <see cref="AdvanceTimeAsync"/> is called: a seven-day timer completes at once. Raise events before waiting if they
/// should arrive before a timeout. Waiting for an instance that waits for an event nobody raises, with no timer left,
/// does not return: pass a cancellation token in such tests. Activities must not wait for other instances through
/// the client, since they run on the host's single dispatcher.
/// </summary>
public sealed class DurableTaskTestHost : IAsyncDisposable
{
    private readonly TestHostEngine _engine;
    private readonly ServiceProvider _services;

    private DurableTaskTestHost(TestHostEngine engine, ServiceProvider services)
    {
        _engine = engine;
        _services = services;
        Client = new TestHostClient(engine);
    }

    /// <summary>The client that starts and manages instances in this host.</summary>
    public DurableTaskClient Client { get; }

    /// <summary>
    /// An instance's history as the engine's records, oldest first (the official client's history read returns
    /// DurableTask.Core events, which this host does not produce).
    /// </summary>
    /// <exception cref="InstanceNotFoundException">No such instance.</exception>
    public Task<IList<HistoryEvent>> GetHistoryAsync(string instanceId) => Task.FromResult(_engine.GetHistory(instanceId));

    /// <summary>The services orchestrators and activities are created from.</summary>
    public IServiceProvider Services => _services;

    /// <summary>The host's virtual time (UTC).</summary>
    public DateTime CurrentTime => _engine.CurrentTime;

    /// <summary>Starts a host with the tasks <paramref name="configureTasks"/> registers and the services <paramref name="configureServices"/> adds.</summary>
    public static DurableTaskTestHost Start(
        Action<DurableTaskRegistry> configureTasks,
        Action<IServiceCollection>? configureServices = null,
        DurableTaskTestHostOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(configureTasks);
        var registry = new DurableTaskRegistry();
        configureTasks(registry);
        var services = new ServiceCollection();
        configureServices?.Invoke(services);
        ServiceProvider provider = services.BuildServiceProvider();
        var engine = new TestHostEngine(registry, provider, options ?? new DurableTaskTestHostOptions());
        return new DurableTaskTestHost(engine, provider);
    }

    /// <summary>
    /// Moves virtual time forward by <paramref name="by"/>, firing every timer that falls due on the way in order,
    /// and returns once the host is idle at the new time.
    /// </summary>
    public Task AdvanceTimeAsync(TimeSpan by, CancellationToken cancellation = default) => _engine.AdvanceAsync(by, cancellation);

    /// <summary>Returns once nothing is left to run at the current virtual time (time does not move for this).</summary>
    public Task WaitForIdleAsync(CancellationToken cancellation = default) => _engine.WhenIdleAsync(cancellation);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _engine.DisposeAsync().ConfigureAwait(false);
        await _services.DisposeAsync().ConfigureAwait(false);
    }
}
