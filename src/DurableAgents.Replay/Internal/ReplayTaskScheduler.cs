namespace DurableAgents.Replay.Internal;

/// <summary>
/// The single-threaded scheduler orchestrator code runs on. Continuations and callbacks are queued and run one at a
/// time by <see cref="RunPending"/> on the thread that executes the episode; nothing ever reaches the thread pool.
/// Work queued from any other thread, or while no episode is executing, is a continuation of a non-durable task:
/// it is dropped and recorded so the instance fails with a clear error.
/// </summary>
internal sealed class ReplayTaskScheduler : TaskScheduler
{
    private readonly Queue<WorkItem> _queue = new();
    private volatile int _ownerThreadId;
    private volatile bool _foreignWorkSeen;

    /// <summary>True once work arrived from outside an executing episode.</summary>
    public bool ForeignWorkSeen => _foreignWorkSeen;

    /// <summary>True when the caller runs on the episode's thread while an episode executes.</summary>
    public bool IsOnOwnerThread => _ownerThreadId == Environment.CurrentManagedThreadId;

    /// <inheritdoc/>
    public override int MaximumConcurrencyLevel => 1;

    /// <summary>Marks the calling thread as the episode's thread until <see cref="Exit"/>.</summary>
    public void Enter() => _ownerThreadId = Environment.CurrentManagedThreadId;

    /// <summary>Ends the episode: from now on, queued work counts as foreign.</summary>
    public void Exit() => _ownerThreadId = 0;

    /// <summary>Records that code ran where it must not (e.g. a context call from another thread).</summary>
    public void RecordForeignWork() => _foreignWorkSeen = true;

    /// <summary>Queues a callback that runs outside any task (plain context) so that tasks it completes resume inline.</summary>
    public void Post(Action<object?> callback, object? state)
    {
        if (!IsOnOwnerThread)
        {
            _foreignWorkSeen = true;
            return;
        }

        _queue.Enqueue(new WorkItem(null, callback, state));
    }

    /// <summary>Runs queued work until the queue is empty.</summary>
    public void RunPending()
    {
        while (_queue.TryDequeue(out WorkItem item))
        {
            if (item.Task is not null)
            {
                TryExecuteTask(item.Task);
            }
            else
            {
                item.Callback!(item.State);
            }
        }
    }

    /// <summary>Drops queued work (used once the orchestration has ended and its code must not run any more).</summary>
    public void Clear() => _queue.Clear();

    /// <inheritdoc/>
    protected override void QueueTask(Task task)
    {
        if (!IsOnOwnerThread)
        {
            _foreignWorkSeen = true;
            return;
        }

        _queue.Enqueue(new WorkItem(task, null, null));
    }

    /// <inheritdoc/>
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        // Inline only when already running orchestrator code on this scheduler (e.g. Task.Wait on a queued task);
        // from plain context the task is queued so the order never depends on the kind of calling thread.
        IsOnOwnerThread && Current == this && TryExecuteTask(task);

    /// <inheritdoc/>
    protected override IEnumerable<Task> GetScheduledTasks() =>
        _queue.Where(item => item.Task is not null).Select(item => item.Task!).ToArray();

    private readonly record struct WorkItem(Task? Task, Action<object?>? Callback, object? State);
}
