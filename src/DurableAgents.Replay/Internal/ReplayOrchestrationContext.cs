using DurableAgents.Actions;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Replay.Internal;

/// <summary>The context orchestrator code receives; every call is recorded through the replayer.</summary>
internal sealed class ReplayOrchestrationContext(OrchestrationReplayer replayer) : TaskOrchestrationContext
{
    public override TaskName Name => replayer.Name;

    public override string InstanceId => replayer.InstanceId;

    public override ParentOrchestrationInstance? Parent => replayer.Parent;

    public override DateTime CurrentUtcDateTime => replayer.CurrentUtcDateTime;

    public override bool IsReplaying => replayer.IsReplaying;

    protected override ILoggerFactory LoggerFactory => replayer.LoggerFactory;

    public override T? GetInput<T>() where T : default => replayer.GetInput<T>();

    public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        replayer.EnsureOnEpisodeThread();
        var call = new DurableCall<TResult>(
            replayer, OpenTaskKind.Activity, name, replayer.Serialize(input), options?.Tags, null, options?.Retry?.Policy);
        call.Start();
        return call.Task;
    }

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null)
    {
        replayer.EnsureOnEpisodeThread();
        string? instanceId = (options as SubOrchestrationOptions)?.InstanceId;
        var call = new DurableCall<TResult>(
            replayer, OpenTaskKind.SubOrchestration, orchestratorName, replayer.Serialize(input), options?.Tags, instanceId, options?.Retry?.Policy);
        call.Start();
        return call.Task;
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

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        replayer.EnsureOnEpisodeThread();
        return replayer.WaitForExternalEvent<T>(eventName, cancellationToken);
    }

    public override void SendEvent(string instanceId, string eventName, object? payload)
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
}
