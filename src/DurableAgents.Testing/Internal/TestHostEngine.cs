using DurableAgents.Converters;
using DurableAgents.History;
using DurableAgents.Replay;
using DurableAgents.Replay.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.DurableTask;

namespace DurableAgents.Testing.Internal;

/// <summary>
/// The in-memory engine behind the test host. One dispatcher loop runs work items one at a time in FIFO order
/// (orchestration episodes through <see cref="OrchestrationExecutor"/>, then activities), so a run is repeatable:
/// the same calls give the same histories. Virtual time moves only when nothing else can run and someone waits for an
/// instance, or when <see cref="AdvanceAsync"/> asks for it; timers then fire at once, without real waiting.
/// </summary>
internal sealed partial class TestHostEngine : IAsyncDisposable
{
    private static readonly Guid ExecutionIdNamespace = new("0f3c7d4e-8a61-4b59-a0d2-6e1f9c3b5a77");

    private readonly object _lock = new();
    private readonly RegistryLookup _registry;
    private readonly IServiceProvider _services;
    private readonly DataConverter _converter;
    private readonly OrchestrationExecutor _executor;
    private readonly ILogger _logger;
    private readonly Dictionary<string, InstanceState> _instances = new(StringComparer.Ordinal);
    private readonly Queue<WorkItem> _ready = new();
    private readonly PriorityQueue<PendingTimer, (DateTime DueAt, long Sequence)> _timers = new();
    private readonly List<TaskCompletionSource> _idleWaiters = [];
    private readonly List<(DateTime Target, TaskCompletionSource Done)> _advances = [];
    private readonly CancellationTokenSource _shutdown = new();
    private readonly AsyncLocal<bool> _insideActivity = new();
    private readonly Task _loop;
    private TaskCompletionSource _wake = NewSignal();
    private DateTime _now;
    private long _timerSequence;
    private long _executionCounter;
    private int _timeDemand;
    private Exception? _fault;

    public TestHostEngine(DurableTaskRegistry registry, IServiceProvider services, DurableTaskTestHostOptions options)
    {
        _registry = new RegistryLookup(registry);
        _services = services;
        _converter = options.DataConverter;
        ILoggerFactory loggerFactory = options.LoggerFactory ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance;
        _executor = new OrchestrationExecutor(_converter, loggerFactory);
        _logger = loggerFactory.CreateLogger("DurableAgents.Testing");
        _now = DateTime.SpecifyKind(options.StartTime, DateTimeKind.Utc);
        _loop = Task.Run(RunLoopAsync);
    }

    public DataConverter Converter => _converter;

    public DateTime CurrentTime
    {
        get
        {
            lock (_lock)
            {
                return _now;
            }
        }
    }

    /// <summary>Moves virtual time forward by <paramref name="by"/>, firing every timer due on the way.</summary>
    public Task AdvanceAsync(TimeSpan by, CancellationToken cancellation)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(by, TimeSpan.Zero);
        lock (_lock)
        {
            ThrowIfUnusable();
            var done = NewSignal();
            _advances.Add((_now + by, done));
            Signal();
            return done.Task.WaitAsync(cancellation);
        }
    }

    /// <summary>Completes when no work is runnable at the current virtual time (time does not move for this).</summary>
    public Task WhenIdleAsync(CancellationToken cancellation = default)
    {
        // An activity calling the client must not wait for the dispatcher that is running it.
        if (_insideActivity.Value)
        {
            return Task.CompletedTask;
        }

        lock (_lock)
        {
            ThrowIfUnusable();
            var idle = NewSignal();
            _idleWaiters.Add(idle);
            Signal();
            return idle.Task.WaitAsync(cancellation);
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            if (_shutdown.IsCancellationRequested)
            {
                return;
            }

            _shutdown.Cancel();
            Signal();
        }

        await _loop.ConfigureAwait(false);
        lock (_lock)
        {
            var disposed = new ObjectDisposedException(nameof(DurableTaskTestHost));
            FailAllWaitersLocked(disposed);
        }

        _shutdown.Dispose();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task RunLoopAsync()
    {
        try
        {
            while (true)
            {
                WorkItem? item;
                Task wake;
                lock (_lock)
                {
                    if (_shutdown.IsCancellationRequested)
                    {
                        return;
                    }

                    item = NextWorkLocked();
                    wake = _wake.Task;
                }

                if (item is null)
                {
                    await wake.ConfigureAwait(false);
                    continue;
                }

                await ProcessAsync(item).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            // A bug in the host itself: fail every waiter with it rather than leaving tests hanging.
            Logs.DispatcherFailed(_logger, ex);
            lock (_lock)
            {
                _fault = ex;
                FailAllWaitersLocked(new InvalidOperationException($"The test host's dispatcher failed: {ex.Message}", ex));
            }
        }
    }

    private WorkItem? NextWorkLocked()
    {
        while (true)
        {
            if (_ready.TryDequeue(out WorkItem? item))
            {
                return item;
            }

            // Idle at the current virtual time.
            foreach (TaskCompletionSource idle in _idleWaiters)
            {
                idle.TrySetResult();
            }

            _idleWaiters.Clear();
            if (TryMoveTimeLocked())
            {
                continue;
            }

            if (_wake.Task.IsCompleted)
            {
                _wake = NewSignal();
            }

            return null;
        }
    }

    // Fires the next due timers when a waiter or an advance request lets time move; true when anything changed.
    private bool TryMoveTimeLocked()
    {
        _advances.Sort(static (a, b) => a.Target.CompareTo(b.Target));
        bool hasTimer = _timers.TryPeek(out _, out (DateTime DueAt, long) next);
        if (hasTimer && (next.DueAt <= _now || _timeDemand > 0 || (_advances.Count > 0 && next.DueAt <= _advances[0].Target)))
        {
            FireTimersLocked(next.DueAt);
            return true;
        }

        if (_advances.Count > 0)
        {
            (DateTime target, TaskCompletionSource done) = _advances[0];
            _advances.RemoveAt(0);
            if (target > _now)
            {
                _now = target;
            }

            done.TrySetResult();
            return true;
        }

        return false;
    }

    private void FireTimersLocked(DateTime dueAt)
    {
        if (dueAt > _now)
        {
            _now = dueAt;
        }

        while (_timers.TryPeek(out PendingTimer? timer, out (DateTime DueAt, long) key) && key.DueAt <= _now)
        {
            _timers.Dequeue();
            if (!_instances.TryGetValue(timer.InstanceId, out InstanceState? instance) || instance.ExecutionId != timer.ExecutionId || instance.Status.IsTerminal())
            {
                continue;
            }

            if (timer.TimerId is { } timerId)
            {
                DeliverLocked(instance, new TimerFiredEvent(-1, _now, timerId, timer.DueAt));
            }
            else
            {
                QueueEpisodeLocked(instance);
            }
        }
    }

    private void AddTimerLocked(PendingTimer timer) => _timers.Enqueue(timer, (timer.DueAt, _timerSequence++));

    private void Signal() => _wake.TrySetResult();

    private void DeliverLocked(InstanceState instance, HistoryEvent historyEvent)
    {
        instance.Inbox.Add(historyEvent);
        QueueEpisodeLocked(instance);
    }

    private void QueueEpisodeLocked(InstanceState instance)
    {
        if (instance.IsQueued || _now < instance.NotBefore)
        {
            return;
        }

        instance.IsQueued = true;
        _ready.Enqueue(new OrchestrationWorkItem(instance.InstanceId));
        Signal();
    }

    private string NextExecutionId(string instanceId) =>
        DeterministicGuid.Create(ExecutionIdNamespace, $"{instanceId}/{++_executionCounter}").ToString("N");

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_shutdown.IsCancellationRequested, this);
        if (_fault is not null)
        {
            throw new InvalidOperationException($"The test host's dispatcher failed: {_fault.Message}", _fault);
        }
    }

    private void FailAllWaitersLocked(Exception error)
    {
        foreach (TaskCompletionSource idle in _idleWaiters)
        {
            idle.TrySetException(error);
        }

        _idleWaiters.Clear();
        foreach ((_, TaskCompletionSource done) in _advances)
        {
            done.TrySetException(error);
        }

        _advances.Clear();
        foreach (InstanceState instance in _instances.Values)
        {
            foreach (InstanceWaiter waiter in instance.Waiters)
            {
                waiter.Completion.TrySetException(error);
            }

            instance.Waiters.Clear();
        }

        _timeDemand = 0;
    }
}
