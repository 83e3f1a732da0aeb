using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using DurableAgents.History;
using DurableAgents.TaskHub.Internal;
using DurableAgents.TaskHub.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DurableAgents.TaskHub;

/// <summary>
/// The backend-agnostic task hub: starts and manages instances for clients and hands orchestrator episodes and
/// activities to connected workers, over any <see cref="ITaskHubStore"/>.
/// </summary>
/// <remarks>
/// On an <see cref="ITaskHubPartitionedStore"/> several engines share the store and each runs the instances of the
/// partitions it owns (TaskHubEngine.Partitions.cs); otherwise the engine must be the only writer of its store. It keeps
/// what dispatch needs in memory (active instances, their inboxes, the activity queue, leases) and changes it only after
/// the store has committed, through one group-commit writer loop. Work is pushed to workers as soon as a commit makes
/// it ready; durable timers, deferred starts and lease expiries share one scheduler timer.
/// </remarks>
public sealed partial class TaskHubEngine : IHostedService, IAsyncDisposable
{
    private const int StateNew = 0;
    private const int StateStarting = 1;
    private const int StateRunning = 2;
    private const int StateStopped = 3;

    private readonly object _gate = new();
    private readonly ITaskHubStore _store;
    private readonly TaskHubOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CommitPipeline _commits;
    private readonly WakeUpScheduler _wakeUps;
    private readonly InstanceWatchers _watchers = new();
    private readonly Dictionary<string, InstanceState> _active = new(StringComparer.Ordinal);
    private readonly Queue<InstanceState> _readyInstances = new();
    private readonly Queue<InstanceState> _controlInstances = new();
    private readonly Queue<ActivityTask> _readyActivities = new();
    private readonly Dictionary<string, Lease> _leases = new(StringComparer.Ordinal);
    private readonly List<WorkerConnection> _connections = [];
    private readonly List<long> _orphanMessages = [];
    private readonly LinkedList<Lease> _episodeExpiries = new();
    private readonly LinkedList<Lease> _activityExpiries = new();
    private DateTime? _leaseSweepAt;
    private readonly string _tokenPrefix = Convert.ToHexString(RandomNumberGenerator.GetBytes(4));
    private long _tokenCounter;
    private long _lastMessageId;
    private int _connectionCounter;
    private int _roundRobin;
    private int _state;
    private readonly TaskHubMetrics _metrics;

    /// <summary>Creates an engine over <paramref name="store"/>; call <see cref="StartAsync"/> (or host it) before use.</summary>
    /// <param name="store">The durable store; the engine must be its only writer unless it is an <see cref="ITaskHubPartitionedStore"/>.</param>
    /// <param name="options">Settings; defaults when null.</param>
    /// <param name="timeProvider">The clock for history timestamps, timers and leases; the system clock when null.</param>
    /// <param name="loggerFactory">Logging; none when null.</param>
    /// <param name="meterFactory">Creates the engine's "DurableAgents" meter (see README, Observability); the engine's own meter when null.</param>
    public TaskHubEngine(
        ITaskHubStore store, TaskHubOptions? options = null, TimeProvider? timeProvider = null, ILoggerFactory? loggerFactory = null, IMeterFactory? meterFactory = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _store = store;
        _partitioned = store as ITaskHubPartitionedStore;
        _options = options ?? new TaskHubOptions();
        _options.Validate();
        _time = timeProvider ?? TimeProvider.System;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<TaskHubEngine>();
        _metrics = new TaskHubMetrics(meterFactory, ReadBacklog);
        _commits = new CommitPipeline(store, _gate, _options.MaxCommitBatchSize, AfterCommitBatch, _logger, _metrics.BatchCommitted);
        _wakeUps = new WakeUpScheduler(_time, OnWakeUps);
    }

    /// <summary>Orchestrator names declared by the connected workers (see <see cref="WorkerConnectionOptions.OrchestratorNames"/>).</summary>
    public IReadOnlyCollection<string> KnownOrchestratorNames
    {
        get
        {
            lock (_gate)
            {
                var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                foreach (WorkerConnection connection in _connections)
                {
                    if (connection.OrchestratorNames is not null)
                    {
                        names.UnionWith(connection.OrchestratorNames);
                    }
                }

                return names;
            }
        }
    }

    /// <summary>True when a connected worker did not declare its orchestrator names (so any name may be runnable).</summary>
    public bool HasWorkerWithoutDeclaredNames
    {
        get
        {
            lock (_gate)
            {
                return _connections.Exists(c => c.OrchestratorNames is null);
            }
        }
    }

    /// <summary>The number of connected workers.</summary>
    public int ConnectedWorkerCount
    {
        get
        {
            lock (_gate)
            {
                return _connections.Count;
            }
        }
    }

    private long ReadBacklog()
    {
        lock (_gate)
        {
            return _readyInstances.Count + _readyActivities.Count;
        }
    }

    /// <summary>True between a completed <see cref="StartAsync"/> and <see cref="StopAsync"/>.</summary>
    public bool IsRunning => Volatile.Read(ref _state) == StateRunning;

    /// <summary>Store commit calls made so far (each covers one or more requests).</summary>
    public long StoreCommitCount => _commits.StoreCommits;

    /// <summary>Commit requests committed so far.</summary>
    public long CommittedRequestCount => _commits.Requests;

    private DateTime Now => _time.GetUtcNow().UtcDateTime;

    /// <summary>Initializes the store, reloads active instances, inboxes and activities, and starts dispatching.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _state, StateStarting, StateNew) != StateNew)
        {
            throw new InvalidOperationException("The task hub engine was already started; an engine starts once. Create a new engine to start again.");
        }

        await _store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        if (_partitioned is not null)
        {
            // Shared with other engines: the balancer claims partitions and loads each one it gains.
            await StartSharedAsync(_partitioned, cancellationToken).ConfigureAwait(false);
            return;
        }

        RecoveryState recovery = await _store.LoadRecoveryStateAsync(cancellationToken).ConfigureAwait(false);
        List<long> orphans;
        lock (_gate)
        {
            orphans = Recover(recovery);
        }

        _commits.Start();
        Volatile.Write(ref _state, StateRunning);
        if (orphans.Count > 0)
        {
            Logs.DiscardingOrphans(_logger, orphans.Count);
            Observe(_commits.SubmitAsync(new CommitRequest { InboxDeletes = orphans }));
        }

        lock (_gate)
        {
            DateTime now = Now;
            foreach (InstanceState state in _active.Values)
            {
                Reevaluate(state, now);
            }

            Pump();
        }

        Logs.EngineStarted(_logger, recovery.ActiveInstances.Count, recovery.Inbox.Count, recovery.Activities.Count);
    }

    /// <summary>Stops dispatching, closes every worker connection and waits for accepted commits to finish.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        int previous = Interlocked.Exchange(ref _state, StateStopped);
        if (previous == StateStopped)
        {
            return;
        }

        lock (_gate)
        {
            foreach (WorkerConnection connection in _connections)
            {
                connection.MarkClosed();
                connection.Writer.TryComplete();
            }

            _connections.Clear();
        }

        _watchers.NotifyAll();
        FailQuiescenceWaiters();

        if (previous >= StateStarting)
        {
            await StopSharedLoopsAsync().ConfigureAwait(false);
            await _commits.StopAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            await LeaveSharedAsync().ConfigureAwait(false);
        }

        _wakeUps.Dispose();
        _metrics.Dispose();
        Logs.EngineStopped(_logger);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private void EnsureRunning()
    {
        int state = Volatile.Read(ref _state);
        if (state != StateRunning)
        {
            throw new TaskHubNotRunningException(state == StateStopped ? "stopped" : "not started");
        }
    }

    private List<long> Recover(RecoveryState recovery)
    {
        long maxMessageId = 0;
        foreach (InstanceRecord record in recovery.ActiveInstances)
        {
            AddActive(record);
        }

        var orphans = new List<long>();
        foreach (InboxMessage message in recovery.Inbox)
        {
            maxMessageId = Math.Max(maxMessageId, message.MessageId);
            if (_active.TryGetValue(message.InstanceId, out InstanceState? state))
            {
                state.Inbox[message.MessageId] = message;
            }
            else
            {
                orphans.Add(message.MessageId);
            }
        }

        foreach (ActivityTask task in recovery.Activities)
        {
            QueueActivity(task);
        }

        // Ids only need to be unique and ascending; a clock-based floor keeps them ascending across restarts.
        long clockFloor = _time.GetUtcNow().ToUnixTimeMilliseconds() << 10;
        _lastMessageId = Math.Max(maxMessageId, clockFloor);
        return orphans;
    }

    /// <summary>Fire-and-forget commits are logged by the writer loop when they fail; this only marks their exception observed.</summary>
    private static void Observe(Task task) =>
        task.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);

    private long NextMessageId() => _ownership is null ? Interlocked.Increment(ref _lastMessageId) : NextSharedMessageId();

    private string NextToken() => string.Create(
        System.Globalization.CultureInfo.InvariantCulture, $"{_tokenPrefix}-{Interlocked.Increment(ref _tokenCounter):x}");

    private string NewIdentifier() => _options.IdentifierSource?.Invoke() ?? Guid.NewGuid().ToString("N");

    private InboxMessage Message(string instanceId, HistoryEvent historyEvent, DateTime visibleAt) =>
        new(NextMessageId(), instanceId, historyEvent, visibleAt);
}
