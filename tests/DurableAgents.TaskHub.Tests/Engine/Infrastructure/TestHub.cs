using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using DurableAgents.Storage.Sqlite;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.TaskHub.Tests.Engine.Infrastructure;

/// <summary>An engine over a real SQLite file in a temp directory (or a store the test makes), with a manual clock; can restart on the same file.</summary>
internal sealed class TestHub : IAsyncDisposable
{
    public static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly string _directory;
    private readonly Action<TaskHubOptions>? _configure;
    private readonly Func<ITaskHubStore>? _createStore;
    private readonly List<TestWorker> _workers = [];

    private TestHub(string directory, Action<TaskHubOptions>? configure, Func<ITaskHubStore>? createStore)
    {
        _directory = directory;
        _configure = configure;
        _createStore = createStore;
        Time = new ManualTimeProvider(new DateTimeOffset(2025, 1, 1, 12, 0, 0, TimeSpan.Zero));
    }

    public ManualTimeProvider Time { get; }

    /// <summary>Everything the engine logged (kept across restarts).</summary>
    public LogCapture Logs { get; } = new();

    public TaskHubEngine Engine { get; private set; } = null!;

    /// <summary>The hub's own meter factory: a listener that checks <c>Meter.Scope</c> sees only this hub's measurements.</summary>
    public IMeterFactory Meters { get; } = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();

    public CountingStore Store { get; private set; } = null!;

    public TaskHubClient Client { get; private set; } = null!;

    public string DatabasePath => Path.Combine(_directory, "hub.db");

    /// <param name="configure">Changes the engine's options.</param>
    /// <param name="createStore">Makes the store at every start (called again by <see cref="RestartAsync"/>); default: SQLite in the hub's folder.</param>
    public static async Task<TestHub> StartAsync(Action<TaskHubOptions>? configure = null, Func<ITaskHubStore>? createStore = null)
    {
        string directory = Path.Combine(Path.GetTempPath(), "da-taskhub-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var hub = new TestHub(directory, configure, createStore);
        await hub.OpenAsync();
        return hub;
    }

    public static CancellationToken Timeout() => new CancellationTokenSource(Deadline).Token;

    /// <summary>Stops the engine and closes the store, then opens both again on the same file (a process restart).</summary>
    public async Task RestartAsync()
    {
        await CloseAsync();
        await OpenAsync();
    }

    public TestWorker AddWorker(Action<TestWorker>? setup = null, WorkerConnectionOptions? options = null)
    {
        var worker = new TestWorker(Engine, options ?? new WorkerConnectionOptions());
        setup?.Invoke(worker);
        worker.Start();
        _workers.Add(worker);
        return worker;
    }

    public Task<InstanceSnapshot> WaitForCompletionAsync(string instanceId) =>
        Engine.WaitForInstanceCompletionAsync(instanceId, includePayloads: true, Timeout());

    public Task<InstanceSnapshot> WaitForStatusAsync(string instanceId, OrchestrationStatus status) =>
        Engine.WaitForInstanceAsync(instanceId, m => m.RuntimeStatus == status, includePayloads: true, Timeout());

    public async ValueTask DisposeAsync()
    {
        await CloseAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open must not hide the test's own result; temp is cleaned eventually.
        }
    }

    private async Task OpenAsync()
    {
        var options = new TaskHubOptions { AbandonedWorkRetryDelay = TimeSpan.Zero };
        _configure?.Invoke(options);
        Store = new CountingStore(_createStore?.Invoke() ?? new SqliteTaskHubStore(new SqliteTaskHubStoreOptions
        {
            DataSource = DatabasePath,
            Synchronous = SqliteSynchronousMode.Normal,
        }));
        Engine = new TaskHubEngine(Store, options, Time, Logs, Meters);
        Client = new TaskHubClient(Engine);
        await Engine.StartAsync(Timeout());
    }

    private async Task CloseAsync()
    {
        foreach (TestWorker worker in _workers)
        {
            await worker.DisposeAsync();
        }

        _workers.Clear();
        await Engine.StopAsync(CancellationToken.None);
        await Store.DisposeAsync();
    }
}
