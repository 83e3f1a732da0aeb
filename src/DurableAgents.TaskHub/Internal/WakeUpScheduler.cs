namespace DurableAgents.TaskHub.Internal;

/// <summary>
/// One timer for the whole engine, armed for the earliest pending wake-up; durable timers, deferred starts,
/// lease expiries and retry delays all go through it, so nothing polls.
/// </summary>
internal sealed class WakeUpScheduler : IDisposable
{
    // ITimer.Change accepts at most ~49 days; a longer wait re-arms when it fires.
    private static readonly TimeSpan MaxArm = TimeSpan.FromDays(1);

    private readonly object _lock = new();
    private readonly PriorityQueue<WakeUp, DateTime> _queue = new();
    private readonly TimeProvider _time;
    private readonly Action<List<WakeUp>> _onDue;
    private readonly ITimer _timer;
    private DateTime _armedFor = DateTime.MaxValue;
    private bool _disposed;

    public WakeUpScheduler(TimeProvider time, Action<List<WakeUp>> onDue)
    {
        _time = time;
        _onDue = onDue;
        _timer = time.CreateTimer(static s => ((WakeUpScheduler)s!).Fire(), this, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    public void Schedule(DateTime due, object target)
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _queue.Enqueue(new WakeUp(due, target), due);
            if (due < _armedFor)
            {
                Arm(due);
            }
        }
    }

    /// <summary>The earliest wake-up due after <paramref name="after"/> whose target <paramref name="matters"/> says still counts; null when none.</summary>
    public DateTime? EarliestDueAfter(DateTime after, Func<object, bool> matters)
    {
        lock (_lock)
        {
            DateTime? earliest = null;
            foreach ((WakeUp wakeUp, DateTime due) in _queue.UnorderedItems)
            {
                if (due > after && (earliest is null || due < earliest) && matters(wakeUp.Target))
                {
                    earliest = due;
                }
            }

            return earliest;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _queue.Clear();
        }

        _timer.Dispose();
    }

    private void Arm(DateTime due)
    {
        _armedFor = due;
        TimeSpan delay = due - _time.GetUtcNow().UtcDateTime;
        if (delay < TimeSpan.Zero)
        {
            delay = TimeSpan.Zero;
        }
        else if (delay > MaxArm)
        {
            delay = MaxArm;
        }

        _timer.Change(delay, Timeout.InfiniteTimeSpan);
    }

    private void Fire()
    {
        List<WakeUp> due = [];
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            DateTime now = _time.GetUtcNow().UtcDateTime;
            while (_queue.TryPeek(out WakeUp next, out DateTime at) && at <= now)
            {
                _queue.Dequeue();
                due.Add(next);
            }

            _armedFor = DateTime.MaxValue;
            if (_queue.TryPeek(out _, out DateTime nextDue))
            {
                Arm(nextDue);
            }
        }

        if (due.Count > 0)
        {
            _onDue(due);
        }
    }
}
