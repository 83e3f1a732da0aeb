using DurableAgents.TaskHub.Internal;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.TaskHub;

/// <summary>
/// Quiescence, for a host that drives the engine on a virtual clock (the in-process test host): when nothing can happen
/// until the clock moves or someone calls in, the host may move the clock to the next due time.
/// </summary>
public sealed partial class TaskHubEngine
{
    private readonly List<QuiescenceWaiter> _quiescenceWaiters = [];

    /// <summary>Batches committed (or failed) so far; moves whenever the engine's state may have changed. Guarded by the lock.</summary>
    private long _progress;

    /// <summary>
    /// Completes when the engine is quiescent and its progress count is beyond <paramref name="afterProgress"/> (pass -1
    /// for "quiescent now"): no message is ready for an episode, no activity is ready, no work item is out with a worker,
    /// no instance is busy with an engine-side change, and no commit is pending. The result says when the clock must
    /// next reach for anything to happen (a timer, a deferred start, a retry delay), or null when only a caller can
    /// make something happen. Client calls still on their way in (before their commit is submitted) are not seen.
    /// </summary>
    /// <exception cref="TaskHubNotRunningException">The engine is not running, or stops while this waits.</exception>
    internal Task<EngineQuiescence> WhenQuiescentAsync(long afterProgress, CancellationToken cancellation = default)
    {
        EnsureRunning();
        lock (_gate)
        {
            if (_progress > afterProgress && IsQuiescent())
            {
                return Task.FromResult(new EngineQuiescence(_progress, NextDueAt()));
            }

            var waiter = new QuiescenceWaiter(afterProgress);
            _quiescenceWaiters.Add(waiter);
            return waiter.Completion.Task.WaitAsync(cancellation);
        }
    }

    /// <summary>
    /// Completes the waiters the current state satisfies (under the lock, at the end of every pump). A waiter whose caller
    /// stopped waiting (cancelled) stays listed until then, which bounds the list by the next quiet point.
    /// </summary>
    private void ReleaseQuiescenceWaiters()
    {
        if (!IsQuiescent())
        {
            return;
        }

        var quiescence = new EngineQuiescence(_progress, NextDueAt());
        _quiescenceWaiters.RemoveAll(waiter =>
        {
            if (_progress <= waiter.AfterProgress)
            {
                return false;
            }

            waiter.Completion.TrySetResult(quiescence);
            return true;
        });
    }

    private void FailQuiescenceWaiters()
    {
        lock (_gate)
        {
            foreach (QuiescenceWaiter waiter in _quiescenceWaiters)
            {
                waiter.Completion.TrySetException(new TaskHubNotRunningException("stopped"));
            }

            _quiescenceWaiters.Clear();
        }
    }

    private bool IsQuiescent()
    {
        if (_commits.Pending > 0 || _leases.Count > 0 || _readyInstances.Count > 0 || _controlInstances.Count > 0)
        {
            return false;
        }

        foreach (ActivityTask task in _readyActivities)
        {
            if (IsOutstanding(task))
            {
                return false;
            }
        }

        foreach (InstanceState state in _active.Values)
        {
            if (state.Busy)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The earliest future wake-up that still has work behind it (lease sweeps and dropped targets do not count).</summary>
    private DateTime? NextDueAt() => _wakeUps.EarliestDueAfter(Now, target => target switch
    {
        InstanceState state => !state.Removed,
        ActivityTask task => IsOutstanding(task),
        _ => false,
    });

    private sealed class QuiescenceWaiter(long afterProgress)
    {
        public long AfterProgress { get; } = afterProgress;

        public TaskCompletionSource<EngineQuiescence> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
