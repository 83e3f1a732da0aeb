namespace DurableAgents.TaskHub.Internal;

/// <summary>Callers waiting for an instance's state to change (WaitForInstanceStart/Completion); signalled whenever the engine's in-memory row of the instance changes, it is purged or it leaves the active set.</summary>
internal sealed class InstanceWatchers
{
    private readonly object _lock = new();
    private readonly Dictionary<string, List<TaskCompletionSource>> _waiters = new(StringComparer.Ordinal);

    public TaskCompletionSource Register(string instanceId)
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_lock)
        {
            if (!_waiters.TryGetValue(instanceId, out List<TaskCompletionSource>? list))
            {
                list = [];
                _waiters[instanceId] = list;
            }

            list.Add(waiter);
        }

        return waiter;
    }

    public void Unregister(string instanceId, TaskCompletionSource waiter)
    {
        lock (_lock)
        {
            if (_waiters.TryGetValue(instanceId, out List<TaskCompletionSource>? list) && list.Remove(waiter) && list.Count == 0)
            {
                _waiters.Remove(instanceId);
            }
        }
    }

    /// <summary>Wakes every waiter (the engine is stopping; each waiter then finds it not running).</summary>
    public void NotifyAll()
    {
        List<TaskCompletionSource> all;
        lock (_lock)
        {
            all = _waiters.Values.SelectMany(w => w).ToList();
            _waiters.Clear();
        }

        foreach (TaskCompletionSource waiter in all)
        {
            waiter.TrySetResult();
        }
    }

    public void Notify(string instanceId)
    {
        List<TaskCompletionSource>? list;
        lock (_lock)
        {
            if (_waiters.Count == 0 || !_waiters.Remove(instanceId, out list))
            {
                return;
            }
        }

        foreach (TaskCompletionSource waiter in list)
        {
            waiter.TrySetResult();
        }
    }
}
