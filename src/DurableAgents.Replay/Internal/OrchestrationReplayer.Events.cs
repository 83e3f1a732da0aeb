using DurableAgents.Actions;
using DurableAgents.History;
using Microsoft.DurableTask;

namespace DurableAgents.Replay.Internal;

/// <summary>How each history event moves the replay forward.</summary>
internal sealed partial class OrchestrationReplayer
{
    private void Apply(HistoryEvent historyEvent, int position, bool replaying)
    {
        if (_halted)
        {
            // Only the recorded completion still matters: it tells whether the failure is already in history.
            if (historyEvent is ExecutionCompletedEvent recorded && recorded.Status == _completion!.Status)
            {
                _completionRecorded = true;
            }

            return;
        }

        switch (historyEvent)
        {
            case OrchestratorStartedEvent started:
                if (replaying)
                {
                    EnsureEverythingRecorded(position, "the start of the next episode");
                }

                CurrentUtcDateTime = AsUtc(started.Timestamp);
                break;
            case ExecutionStartedEvent executionStarted:
                OnExecutionStarted(executionStarted);
                break;
            case TaskScheduledEvent or TimerCreatedEvent or SubOrchestrationInstanceCreatedEvent or EventSentEvent:
                MatchRecordedAction(historyEvent);
                break;
            case TaskCompletedEvent completed:
                Answer(completed.TaskScheduledId, OpenTaskKind.Activity, historyEvent, static (h, id, e) => h.OnCompleted(id, ((TaskCompletedEvent)e).Result));
                break;
            case TaskFailedEvent failed:
                Answer(failed.TaskScheduledId, OpenTaskKind.Activity, historyEvent, static (h, id, e) => h.OnFailed(id, ((TaskFailedEvent)e).FailureDetails));
                break;
            case SubOrchestrationInstanceCompletedEvent completed:
                Answer(completed.TaskScheduledId, OpenTaskKind.SubOrchestration, historyEvent, static (h, id, e) => h.OnCompleted(id, ((SubOrchestrationInstanceCompletedEvent)e).Result));
                break;
            case SubOrchestrationInstanceFailedEvent failed:
                Answer(failed.TaskScheduledId, OpenTaskKind.SubOrchestration, historyEvent, static (h, id, e) => h.OnFailed(id, ((SubOrchestrationInstanceFailedEvent)e).FailureDetails));
                break;
            case TimerFiredEvent fired:
                Answer(fired.TimerId, OpenTaskKind.Timer, historyEvent, static (h, id, _) => h.OnTimerFired(id));
                break;
            case EventRaisedEvent raised:
                if (_completion is null)
                {
                    OnEventRaised(raised);
                }
                else
                {
                    _carryover?.Add(raised);
                }

                break;
            case ExecutionTerminatedEvent terminated:
                if (_completion is null)
                {
                    Halt(new CompleteOrchestrationAction(NextTaskId(), OrchestrationStatus.Terminated, terminated.Input));
                }

                break;
            case ExecutionCompletedEvent completedEvent:
                OnExecutionCompletedRecorded(completedEvent, position);
                break;
            default:
                // ExecutionSuspended/Resumed (the engine holds events while suspended), OrchestratorCompleted,
                // ContinueAsNew, Generic, HistoryState, ExecutionRewound: bookkeeping that replay does not act on.
                break;
        }

        RunPendingWork();
    }

    private void OnExecutionStarted(ExecutionStartedEvent started)
    {
        if (_started || _completion is not null)
        {
            Logs.IgnoredEvent(_logger, InstanceId, "ExecutionStarted", "the execution has already started");
            return;
        }

        Name = new TaskName(started.Name);
        Version = started.Version ?? string.Empty;
        InstanceId = started.InstanceId;
        Parent = started.ParentInstance is { } parent
            ? new ParentOrchestrationInstance(new TaskName(parent.Name), parent.InstanceId)
            : null;
        if (CurrentUtcDateTime == default)
        {
            CurrentUtcDateTime = AsUtc(started.Timestamp);
        }

        _serializedInput = started.Input;
        object? input;
        try
        {
            input = _converter.Deserialize(started.Input, _orchestrator.InputType);
        }
        catch (Exception ex)
        {
            Halt(Failed(NextTaskId(), ex));
            return;
        }

        StartCode(input);
    }

    private void Answer(int taskId, OpenTaskKind kind, HistoryEvent historyEvent, Action<OpenTaskHandler, int, HistoryEvent> deliver)
    {
        if (_completion is not null)
        {
            return;
        }

        if (!_openTasks.Remove(taskId, out OpenTask open))
        {
            // At-least-once delivery can repeat an answer, and a cancelled timer may still fire: nothing awaits it.
            Logs.UnknownTaskAnswer(_logger, InstanceId, historyEvent.GetType(), taskId);
            return;
        }

        if (open.Kind != kind)
        {
            FailNondeterministic(taskId, $"{EventName(historyEvent)} answering task #{taskId}", $"{Describe(open.Kind)} #{taskId}");
            return;
        }

        deliver(open.Handler, taskId, historyEvent);
    }

    private void OnExecutionCompletedRecorded(ExecutionCompletedEvent recorded, int position)
    {
        if (_completion is null)
        {
            FailNondeterministic(
                -1,
                $"ExecutionCompleted with status {recorded.Status} (history position {position})",
                "no completion: the orchestrator code is still running at that point");
            return;
        }

        if (_unrecorded.TryPeek(out OrchestratorAction? pending))
        {
            FailNondeterministic(
                pending.Id,
                $"no call #{pending.Id}: the instance completes with status {recorded.Status} at history position {position}",
                DescribeAction(pending));
            return;
        }

        if (recorded.Status != _completion.Status)
        {
            FailNondeterministic(
                _completion.Id,
                $"ExecutionCompleted with status {recorded.Status} (history position {position})",
                $"CompleteOrchestration with status {_completion.Status}");
            return;
        }

        _completionRecorded = true;
    }

    private static DateTime AsUtc(DateTime timestamp) => timestamp.Kind switch
    {
        DateTimeKind.Utc => timestamp,
        DateTimeKind.Local => timestamp.ToUniversalTime(),
        _ => DateTime.SpecifyKind(timestamp, DateTimeKind.Utc),
    };

    private static string Describe(OpenTaskKind kind) => kind switch
    {
        OpenTaskKind.Activity => "an activity",
        OpenTaskKind.SubOrchestration => "a sub-orchestration",
        _ => "a timer",
    };

    private static string EventName(HistoryEvent historyEvent)
    {
        string name = historyEvent.GetType().Name;
        return name.EndsWith("Event", StringComparison.Ordinal) ? name[..^5] : name;
    }
}
