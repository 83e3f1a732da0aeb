using DurableAgents.History;
using DurableAgents.TaskHub.Internal;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.TaskHub;

/// <summary>Mirrors committed requests into memory (always under the engine lock, after the store committed).</summary>
public sealed partial class TaskHubEngine
{
    /// <summary>
    /// Applies a committed request to the in-memory state, so memory always equals the store for active
    /// instances. <paramref name="subject"/> is the instance whose inbox messages the request deletes.
    /// </summary>
    private void ApplyCommitted(CommitRequest request, InstanceState? subject)
    {
        DateTime now = Now;
        foreach (string purged in request.Purges)
        {
            RemoveActive(purged);
            _watchers.Notify(purged);
        }

        foreach (InstanceRecord record in request.InstanceUpserts)
        {
            ApplyUpsert(record);
        }

        foreach (HistoryAppend append in request.HistoryAppends)
        {
            if (_active.TryGetValue(append.InstanceId, out InstanceState? state))
            {
                AppendInMemory(state, append);
            }
        }

        if (subject is not null)
        {
            foreach (long messageId in request.InboxDeletes)
            {
                subject.Inbox.Remove(messageId);
            }
        }

        if (_ownership is not null)
        {
            // A lagging inbox read may list these again; they must not come back.
            foreach (long messageId in request.InboxDeletes)
            {
                _consumed.Add(messageId, now);
            }
        }

        foreach (ActivityKey key in request.ActivityDeletes)
        {
            if (_active.TryGetValue(key.InstanceId, out InstanceState? state))
            {
                state.Activities.Remove(key);
            }
        }

        foreach (InboxMessage message in request.InboxInserts)
        {
            Deliver(message, now);
        }

        foreach (ActivityTask task in request.ActivityInserts)
        {
            QueueActivity(task);
        }

        // A subject that just became terminal may have been sent messages after its commit was planned.
        if (subject is { Removed: true, Inbox.Count: > 0 })
        {
            _orphanMessages.AddRange(subject.Inbox.Keys);
            subject.Inbox.Clear();
        }
    }

    private void ApplyUpsert(InstanceRecord record)
    {
        if (record.Status.IsTerminal())
        {
            RemoveActive(record.InstanceId);
            LogInstanceEnd(record);
            _metrics.Ended(record);
        }
        else if (_active.TryGetValue(record.InstanceId, out InstanceState? state))
        {
            if (state.Record.ExecutionId != record.ExecutionId)
            {
                // A new execution (ContinueAsNew): its history starts empty.
                state.History = new HistoryLog();
                state.CacheOwner = null;
            }

            state.Record = record;
        }
        else if (OwnsInstance(record.InstanceId))
        {
            AddActive(record);
        }

        _watchers.Notify(record.InstanceId);
    }

    /// <summary>
    /// One line per instance end, written when the terminal row is committed, so a host log shows every outcome
    /// (a failure at Warning with its message) without turning on debug logging.
    /// </summary>
    private void LogInstanceEnd(InstanceRecord record)
    {
        TimeSpan duration = (record.CompletedAt ?? record.LastUpdatedAt) - record.CreatedAt;
        switch (record.Status)
        {
            case OrchestrationStatus.Completed:
                Logs.InstanceCompleted(_logger, record.InstanceId, record.Name, duration);
                break;
            case OrchestrationStatus.Failed:
                Logs.InstanceFailed(_logger, record.InstanceId, record.Name, duration,
                    record.FailureDetails?.ErrorType ?? "(unknown)", record.FailureDetails?.ErrorMessage ?? "(no failure details)");
                break;
            default:
                // Terminated (its output is the reason given) or Canceled.
                Logs.InstanceEndedOtherwise(_logger, record.InstanceId, record.Name, record.Status, duration, record.Output);
                break;
        }
    }

    /// <summary>Starts tracking an active instance; a row with no history yet gets an (empty) in-memory history.</summary>
    private void AddActive(InstanceRecord record) =>
        _active[record.InstanceId] = new InstanceState(record)
        {
            History = record.HistoryLength == 0 ? new HistoryLog() : null,
        };

    /// <summary>Queues an activity row of the current execution of an active instance; rows of anything else are ignored.</summary>
    private void QueueActivity(ActivityTask task)
    {
        if (_active.TryGetValue(task.InstanceId, out InstanceState? state) && state.Record.ExecutionId == task.ExecutionId)
        {
            state.Activities.Add(task.Key);
            _readyActivities.Enqueue(task);
        }
    }

    private void RemoveActive(string instanceId)
    {
        if (_active.Remove(instanceId, out InstanceState? state))
        {
            state.Removed = true;
            state.History = null;
            state.CacheOwner = null;
        }
    }

    private void AppendInMemory(InstanceState state, HistoryAppend append)
    {
        if (state.History is { } log && log.Count == append.FirstSequence && state.Record.ExecutionId == append.ExecutionId)
        {
            if (log.Count + append.Events.Count <= _options.MaxInMemoryHistoryEvents)
            {
                log.Append(append.Events);
                return;
            }
        }

        state.History = null;
    }

    /// <summary>Adds a committed message to its instance's inbox, or marks it for deletion when the instance is not active.</summary>
    private void Deliver(InboxMessage message, DateTime now)
    {
        if (!_active.TryGetValue(message.InstanceId, out InstanceState? state))
        {
            if (_ownership is null)
            {
                _orphanMessages.Add(message.MessageId);
            }
            else
            {
                // On a shared store only the instance's row can say whether it is an orphan.
                NoteUntracked(message);
            }

            return;
        }

        state.Inbox[message.MessageId] = message;
        if (message.VisibleAt > now)
        {
            ScheduleWake(state, message.VisibleAt, now);
        }
        else if (IsControl(message.Event))
        {
            MarkControl(state);
        }
        else
        {
            MarkReady(state);
        }
    }

    private static bool IsControl(HistoryEvent e) =>
        e is ExecutionTerminatedEvent or ExecutionSuspendedEvent or ExecutionResumedEvent;

    private void MarkReady(InstanceState state)
    {
        if (!state.QueuedReady && !state.Removed)
        {
            state.QueuedReady = true;
            _readyInstances.Enqueue(state);
            if (state.ReadySince is null)
            {
                NoteReady(state);
            }
        }
    }

    private void MarkControl(InstanceState state)
    {
        if (!state.QueuedControl && !state.Removed)
        {
            state.QueuedControl = true;
            _controlInstances.Enqueue(state);
        }
    }

    /// <summary>Queues the instance when it has messages that can be delivered now; control messages are looked at even when no worker is free.</summary>
    private void Reevaluate(InstanceState state, DateTime now)
    {
        if (state.Removed || state.Busy)
        {
            return;
        }

        DateTime? nextFuture = null;
        bool visible = false;
        bool control = false;
        foreach (InboxMessage message in state.Inbox.Values)
        {
            if (message.VisibleAt <= now)
            {
                visible = true;
                control |= IsControl(message.Event);
            }
            else if (nextFuture is null || message.VisibleAt < nextFuture)
            {
                nextFuture = message.VisibleAt;
            }
        }

        if (control)
        {
            MarkControl(state);
        }
        else if (visible)
        {
            MarkReady(state);
        }

        if (nextFuture is { } due)
        {
            ScheduleWake(state, due, now);
        }
    }

    /// <summary>Schedules one wake-up per instance for its earliest future message (not one per call).</summary>
    private void ScheduleWake(InstanceState state, DateTime due, DateTime now)
    {
        if (state.NextWakeAt is { } armed && armed > now && armed <= due)
        {
            return;
        }

        state.NextWakeAt = due;
        _wakeUps.Schedule(due, state);
    }

    private void AfterCommitBatch()
    {
        _progress++;
        if (_orphanMessages.Count > 0 && IsRunning)
        {
            Logs.DiscardingOrphans(_logger, _orphanMessages.Count);
            var request = new CommitRequest { InboxDeletes = _orphanMessages.ToArray() };
            _orphanMessages.Clear();
            if (_ownership is not null)
            {
                foreach (long messageId in request.InboxDeletes)
                {
                    _consumed.Add(messageId, Now);
                }
            }

            Observe(_commits.SubmitAsync(request));
        }

        ResolveUntracked();
        Pump();
    }

    private void OnWakeUps(List<WakeUp> wakeUps)
    {
        lock (_gate)
        {
            if (!IsRunning)
            {
                return;
            }

            DateTime now = Now;
            foreach (WakeUp wakeUp in wakeUps)
            {
                switch (wakeUp.Target)
                {
                    case InstanceState state:
                        if (state.NextWakeAt is { } armed && armed <= now)
                        {
                            state.NextWakeAt = null;
                        }

                        Reevaluate(state, now);
                        break;
                    case LeaseSweep:
                        SweepLeases(now);
                        break;
                    case WorkerWaitCheck:
                        CheckWorkerWaits(now);
                        break;
                    case ActivityTask task:
                        RequeueActivity(task);
                        break;
                }
            }

            Pump();
        }
    }
}
