using DurableAgents.Actions;
using Microsoft.DurableTask;

namespace DurableAgents.Replay.Internal;

/// <summary>
/// An activity or sub-orchestration call as the code awaits it: one task for the caller, behind it one or more
/// attempts with durable timers between them when a retry policy is given.
/// </summary>
internal sealed class DurableCall<TResult> : OpenTaskHandler
{
    private readonly OrchestrationReplayer _replayer;
    private readonly OpenTaskKind _kind;
    private readonly string _name;
    private readonly string? _version;
    private readonly string? _input;
    private readonly IReadOnlyDictionary<string, string>? _tags;
    private readonly RetryPolicy? _retryPolicy;
    private readonly TaskCompletionSource<TResult> _completion = new();
    private readonly string? _childInstanceId;
    private DateTime _firstAttemptAt;
    private int _attempt;

    public DurableCall(
        OrchestrationReplayer replayer,
        OpenTaskKind kind,
        TaskName name,
        string? version,
        string? input,
        IReadOnlyDictionary<string, string>? tags,
        string? childInstanceId,
        RetryPolicy? retryPolicy)
    {
        _replayer = replayer;
        _kind = kind;
        _name = name.Name;
        _version = version;
        _input = input;
        _tags = tags;
        _childInstanceId = childInstanceId;
        _retryPolicy = retryPolicy;
    }

    /// <summary>The task the orchestrator code awaits.</summary>
    public Task<TResult> Task => _completion.Task;

    /// <summary>Schedules the first attempt.</summary>
    public void Start()
    {
        _firstAttemptAt = _replayer.CurrentUtcDateTime;
        _replayer.BeginDurableWait();
        ScheduleAttempt();
    }

    public override void OnCompleted(int taskId, string? result)
    {
        _replayer.EndDurableWait();
        TResult value;
        try
        {
            value = _replayer.Deserialize<TResult>(result);
        }
        catch (Exception ex)
        {
            _completion.SetException(ex);
            return;
        }

        _completion.SetResult(value);
    }

    public override void OnFailed(int taskId, FailureDetails failure)
    {
        TimeSpan? delay;
        try
        {
            delay = _retryPolicy is null ? null : RetryDelays.Next(_retryPolicy, _name, taskId, _attempt + 1, _replayer.CurrentUtcDateTime - _firstAttemptAt, failure);
        }
        catch (Exception ex)
        {
            // A throwing HandleFailure predicate is a bug in the caller's code: surface it where the call is awaited.
            _replayer.EndDurableWait();
            _completion.SetException(ex);
            return;
        }

        if (delay is { } wait)
        {
            int timerId = _replayer.NextTaskId();
            _replayer.AddAction(new CreateTimerAction(timerId, _replayer.CurrentUtcDateTime + wait), OpenTaskKind.Timer, this);
            return;
        }

        _replayer.EndDurableWait();
        // Activities and sub-orchestrations both fail with the SDK's TaskFailedException, as on the official worker.
        _completion.SetException(new TaskFailedException(_name, taskId, failure.ToTaskFailureDetails()));
    }

    public override void OnTimerFired(int taskId) => ScheduleAttempt();

    private void ScheduleAttempt()
    {
        _attempt++;
        int id = _replayer.NextTaskId();
        OrchestratorAction action;
        if (_kind == OpenTaskKind.SubOrchestration)
        {
            // Retries reuse the first attempt's child id: the failed child is finished, so the id can be started again.
            string childInstanceId = _childInstanceId ?? throw new InvalidOperationException("A sub-orchestration call needs its child instance id.");
            action = new CreateSubOrchestrationAction(id, childInstanceId, _name, _input, _version, _tags);
        }
        else
        {
            action = new ScheduleTaskAction(id, _name, _input, _version, _tags);
        }

        _replayer.AddAction(action, _kind, this);
    }
}
