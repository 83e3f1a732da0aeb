using DurableAgents.Actions;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Replay.Internal;

/// <summary>
/// The SDK's <see cref="TaskOrchestrationContext"/> as this executor implements it: every call is recorded through the
/// replayer and answered from history on replay.
/// </summary>
internal sealed class ReplayOrchestrationContext(OrchestrationReplayer replayer) : TaskOrchestrationContext
{
    public override TaskName Name => replayer.Name;

    public override string InstanceId => replayer.InstanceId;

    public override ParentOrchestrationInstance? Parent => replayer.Parent;

    public override DateTime CurrentUtcDateTime => replayer.CurrentUtcDateTime;

    public override bool IsReplaying => replayer.IsReplaying;

    public override string Version => replayer.Version;

    protected override ILoggerFactory LoggerFactory => replayer.LoggerFactory;

    public override T GetInput<T>() => replayer.GetInput<T>()!;

    public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        replayer.EnsureOnEpisodeThread();
        string? serializedInput = replayer.Serialize(input);
        if (options?.Retry?.Handler is { } handler)
        {
            return RetryWithHandlerAsync(handler, () => StartCall<TResult>(OpenTaskKind.Activity, name, serializedInput, options, null, null));
        }

        return StartCall<TResult>(OpenTaskKind.Activity, name, serializedInput, options, options?.Retry?.Policy, null);
    }

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null)
    {
        replayer.EnsureOnEpisodeThread();

        // As on the official worker: without a given id the child gets the next NewGuid ("N" format), chosen once per
        // call, so every retry attempt restarts the same child id.
        string childInstanceId = (options as SubOrchestrationOptions)?.InstanceId ?? replayer.NewGuid().ToString("N");
        string? serializedInput = replayer.Serialize(input);
        if (options?.Retry?.Handler is { } handler)
        {
            return RetryWithHandlerAsync(
                handler, () => StartCall<TResult>(OpenTaskKind.SubOrchestration, orchestratorName, serializedInput, options, null, childInstanceId));
        }

        return StartCall<TResult>(OpenTaskKind.SubOrchestration, orchestratorName, serializedInput, options, options?.Retry?.Policy, childInstanceId);
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        replayer.EnsureOnEpisodeThread();
        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        DateTime dueUtc = fireAt.Kind switch
        {
            DateTimeKind.Local => fireAt.ToUniversalTime(),
            DateTimeKind.Unspecified => DateTime.SpecifyKind(fireAt, DateTimeKind.Utc),
            _ => fireAt,
        };
        var timer = new DurableTimer(replayer, cancellationToken);
        replayer.AddAction(new CreateTimerAction(replayer.NextTaskId(), dueUtc), OpenTaskKind.Timer, timer);
        return timer.Task;
    }

    // Timeout.InfiniteTimeSpan means no timer at all, so WaitForExternalEvent(name, Timeout.InfiniteTimeSpan) waits for
    // the event alone (the SDK's base would schedule a timer one millisecond in the past, which fires at once).
    public override Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken)
    {
        if (delay != Timeout.InfiniteTimeSpan)
        {
            return base.CreateTimer(delay, cancellationToken);
        }

        replayer.EnsureOnEpisodeThread();
        var never = new TaskCompletionSource(TaskCreationOptions.None);
        cancellationToken.Register(static state => ((TaskCompletionSource)state!).TrySetCanceled(), never);
        return never.Task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        replayer.EnsureOnEpisodeThread();
        return replayer.WaitForExternalEvent<T>(eventName, cancellationToken);
    }

    public override void SendEvent(string instanceId, string eventName, object payload)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        replayer.EnsureOnEpisodeThread();
        replayer.AddAction(new SendEventAction(replayer.NextTaskId(), instanceId, eventName, replayer.Serialize(payload)));
    }

    public override void SetCustomStatus(object? customStatus)
    {
        replayer.EnsureOnEpisodeThread();
        replayer.SetCustomStatus(customStatus);
    }

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true)
    {
        replayer.EnsureOnEpisodeThread();
        replayer.RequestContinueAsNew(newInput, preserveUnprocessedEvents);
    }

    public override Guid NewGuid()
    {
        replayer.EnsureOnEpisodeThread();
        return replayer.NewGuid();
    }

    private Task<TResult> StartCall<TResult>(
        OpenTaskKind kind, TaskName name, string? input, TaskOptions? options, RetryPolicy? retryPolicy, string? childInstanceId)
    {
        var tags = options?.Tags is { Count: > 0 } given ? new Dictionary<string, string>(given) : null;
        string? version = (options as SubOrchestrationOptions)?.Version?.Version ?? options?.Version?.Version;
        var call = new DurableCall<TResult>(replayer, kind, name, string.IsNullOrEmpty(version) ? null : version, input, tags, childInstanceId, retryPolicy);
        call.Start();
        return call.Task;
    }

    // The SDK's custom retry handler: the code decides after each failure whether to try again (it may wait on a
    // durable timer itself). Each attempt is a new call with its own task id, as with the official worker.
    private async Task<TResult> RetryWithHandlerAsync<TResult>(AsyncRetryHandler handler, Func<Task<TResult>> attempt)
    {
        DateTime firstAttemptAt = CurrentUtcDateTime;
        for (int failedAttempts = 1; ; failedAttempts++)
        {
            try
            {
                return await attempt().ConfigureAwait(true);
            }
            catch (TaskFailedException failed)
            {
                var retryContext = new RetryContext(this, failedAttempts, failed.FailureDetails, CurrentUtcDateTime - firstAttemptAt, CancellationToken.None);
                if (!await handler(retryContext).ConfigureAwait(true))
                {
                    throw;
                }
            }
        }
    }
}
