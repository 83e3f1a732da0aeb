using Microsoft.Extensions.Logging;

namespace DurableAgents;

/// <summary>
/// What orchestrator code uses to schedule durable work. Every call is recorded in history and answered from it
/// on replay, so orchestrator code must be deterministic: use <see cref="CurrentUtcDateTime"/>, <see cref="NewGuid"/>
/// and durable timers instead of the clock, random values and Task.Delay.
/// </summary>
public abstract class TaskOrchestrationContext
{
    /// <summary>The orchestrator's name.</summary>
    public abstract TaskName Name { get; }

    /// <summary>The instance id.</summary>
    public abstract string InstanceId { get; }

    /// <summary>The parent orchestration when this one runs as a sub-orchestration.</summary>
    public abstract ParentOrchestrationInstance? Parent { get; }

    /// <summary>The orchestration's current time: the start time of the current episode, replayed from history.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>True while the code re-executes history it has already run.</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>The logger factory behind <see cref="CreateReplaySafeLogger(string)"/>.</summary>
    protected abstract ILoggerFactory LoggerFactory { get; }

    /// <summary>The instance input converted to <typeparamref name="T"/>.</summary>
    public abstract T? GetInput<T>();

    /// <summary>Schedules an activity and returns its result.</summary>
    public abstract Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null);

    /// <summary>Schedules an activity.</summary>
    public virtual Task CallActivityAsync(TaskName name, object? input = null, TaskOptions? options = null) =>
        CallActivityAsync<object>(name, input, options);

    /// <summary>Starts a sub-orchestration and returns its output.</summary>
    public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null);

    /// <summary>Starts a sub-orchestration.</summary>
    public virtual Task CallSubOrchestratorAsync(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
        CallSubOrchestratorAsync<object>(orchestratorName, input, options);

    /// <summary>Creates a durable timer that fires at <paramref name="fireAt"/> (UTC).</summary>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>Creates a durable timer that fires after <paramref name="delay"/> of orchestration time.</summary>
    public virtual Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) =>
        CreateTimer(CurrentUtcDateTime.Add(delay), cancellationToken);

    /// <summary>Waits for an external event; events that arrived earlier are delivered from the buffer.</summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>
    /// Waits for an external event at most <paramref name="timeout"/> (a durable timer);
    /// throws <see cref="TaskCanceledException"/> when the timeout wins. <see cref="Timeout.InfiniteTimeSpan"/> waits without a timer.
    /// </summary>
    public virtual async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        if (timeout == Timeout.InfiniteTimeSpan)
        {
            return await WaitForExternalEvent<T>(eventName, cancellationToken);
        }

        using var timerCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var eventCancellation = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        Task timeoutTask = CreateTimer(timeout, timerCancellation.Token);
        Task<T> eventTask = WaitForExternalEvent<T>(eventName, eventCancellation.Token);
        Task winner = await Task.WhenAny(timeoutTask, eventTask);
        // Cancel synchronously: CancelAsync would run the callbacks on the thread pool, outside the
        // orchestration's single-threaded scheduler, and make replay nondeterministic.
        if (winner == eventTask)
        {
#pragma warning disable CA1849 // See above: the synchronous call is the deterministic one.
            timerCancellation.Cancel();
        }
        else
        {
            eventCancellation.Cancel();
#pragma warning restore CA1849
        }

        return await eventTask;
    }

    /// <summary>Sends an event to another orchestration instance.</summary>
    public abstract void SendEvent(string instanceId, string eventName, object? payload);

    /// <summary>Publishes a JSON-serialisable status that clients can read while the instance runs.</summary>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>
    /// Ends this generation and starts a new one with <paramref name="newInput"/> and an empty history.
    /// With <paramref name="preserveUnprocessedEvents"/>, external events not yet consumed are carried over.
    /// </summary>
    public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    /// <summary>A GUID that is the same on every replay (name-based, derived from the instance id and a counter).</summary>
    public abstract Guid NewGuid();

    /// <summary>A logger that writes only when the code is not replaying.</summary>
    public ILogger CreateReplaySafeLogger(string categoryName) =>
        new ReplaySafeLogger(this, LoggerFactory.CreateLogger(categoryName));

    /// <summary>A logger that writes only when the code is not replaying.</summary>
    public ILogger CreateReplaySafeLogger<T>() => CreateReplaySafeLogger(typeof(T).FullName ?? typeof(T).Name);
}
