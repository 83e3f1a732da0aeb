using DurableAgents.Actions;
using DurableAgents.History;
using DurableAgents.TaskHub.Internal;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.TaskHub;

/// <summary>Turns an episode's actions, or an engine-side change, into one commit request (under the engine lock).</summary>
public sealed partial class TaskHubEngine
{
    /// <summary>Plans the commit of a finished episode: history, instance row, outgoing messages and activities, consumed messages.</summary>
    private CommitRequest PlanEpisodeCommit(
        EpisodeLease lease, IReadOnlyList<OrchestratorAction> actions, string? customStatus, OrchestrationTraceContext? traceContext, DateTime now)
    {
        InstanceState state = lease.State;
        InstanceRecord record = state.Record;
        string instanceId = record.InstanceId;
        List<HistoryEvent> appended = EpisodeHistory.Append(lease.NewEvents, actions, now);
        CompleteOrchestrationAction? completion = null;
        foreach (OrchestratorAction action in actions)
        {
            if (action is CompleteOrchestrationAction complete)
            {
                completion = complete;
            }
        }

        bool finishing = completion is not null && (completion.Status.IsTerminal() || completion.Status == OrchestrationStatus.ContinuedAsNew);
        var conditions = new List<InstanceCondition> { InstanceCondition.VersionEquals(instanceId, record.RowVersion) };
        var upserts = new List<InstanceRecord>();
        var historyDeletes = new List<string>();
        var inboxInserts = new List<InboxMessage>();
        var activityInserts = new List<ActivityTask>();
        var inboxDeletes = new List<long>(lease.MessageIds);
        var activityDeletes = new List<ActivityKey>();
        var startedChildren = new HashSet<string>(StringComparer.Ordinal);

        foreach (OrchestratorAction action in actions)
        {
            switch (action)
            {
                case ScheduleTaskAction a when !finishing:
                    activityInserts.Add(new ActivityTask(instanceId, record.ExecutionId, a.Id, a.Name, a.Version, a.Input, a.Tags, now, a.ParentTraceContext));
                    break;
                case CreateTimerAction a when !finishing:
                    inboxInserts.Add(Message(instanceId, new TimerFiredEvent(-1, a.FireAt, a.Id, a.FireAt), a.FireAt));
                    break;
                case CreateSubOrchestrationAction a:
                    PlanChildStart(record, a, now, startedChildren, conditions, upserts, historyDeletes, inboxInserts);
                    break;
                case SendEventAction a when IsAddressable(a.InstanceId, startedChildren):
                    inboxInserts.Add(Message(a.InstanceId, new EventRaisedEvent(-1, now, a.Name, a.Data), now));
                    break;
                case TerminateOrchestrationAction a when a.InstanceId != instanceId && IsAddressable(a.InstanceId, startedChildren):
                    inboxInserts.Add(Message(a.InstanceId, new ExecutionTerminatedEvent(-1, now, a.Reason, a.Recurse), now));
                    break;
            }
        }

        var historyAppends = new List<HistoryAppend>();
        InstanceRecord updated;
        if (completion is { Status: OrchestrationStatus.ContinuedAsNew })
        {
            updated = PlanContinueAsNew(state, completion, customStatus, now, lease.MessageIds, inboxInserts, inboxDeletes, activityDeletes);
            historyDeletes.Add(instanceId);
        }
        else
        {
            historyAppends.Add(new HistoryAppend(instanceId, record.ExecutionId, record.HistoryLength, appended));
            updated = record with
            {
                Status = OrchestrationStatus.Running,
                CustomStatus = customStatus,
                TraceContext = traceContext ?? record.TraceContext,
                HistoryLength = record.HistoryLength + appended.Count,
                LastUpdatedAt = now,
                RowVersion = record.RowVersion + 1,
            };
            if (completion is not null && completion.Status.IsTerminal())
            {
                updated = updated with
                {
                    Status = completion.Status,
                    Output = completion.Result,
                    FailureDetails = completion.FailureDetails,
                    CompletedAt = now,
                };
                PlanFinish(state, lease.MessageIds, inboxDeletes, activityDeletes);
                PlanParentNotification(record, completion.Status, completion.Result, completion.FailureDetails, now, inboxInserts);
            }
        }

        upserts.Insert(0, updated);
        return new CommitRequest
        {
            Fence = FenceFor(instanceId),
            Conditions = conditions,
            HistoryDeletes = historyDeletes,
            InstanceUpserts = upserts,
            HistoryAppends = historyAppends,
            InboxDeletes = inboxDeletes,
            ActivityDeletes = activityDeletes,
            InboxInserts = inboxInserts,
            ActivityInserts = activityInserts,
        };
    }

    /// <summary>
    /// Whether an event or terminate for the instance is sent. On a shared store it always is: the target may run on
    /// another engine, and its owner discards a message for a finished or unknown instance as an orphan.
    /// </summary>
    private bool IsAddressable(string instanceId, HashSet<string> startedChildren) =>
        _ownership is not null || _active.ContainsKey(instanceId) || startedChildren.Contains(instanceId);

    private void PlanChildStart(
        InstanceRecord parent,
        CreateSubOrchestrationAction action,
        DateTime now,
        HashSet<string> startedChildren,
        List<InstanceCondition> conditions,
        List<InstanceRecord> upserts,
        List<string> historyDeletes,
        List<InboxMessage> inboxInserts)
    {
        string childId = string.IsNullOrEmpty(action.InstanceId) ? NewIdentifier() : action.InstanceId;
        string? invalid = Identifiers.Describe(childId, IdentifierKind.InstanceId) ?? Identifiers.Describe(action.Name, IdentifierKind.OrchestratorName);
        if (invalid is not null)
        {
            // The same rules as for a client's start, so every instance can be addressed through every door; the
            // orchestrator learns it from the failed call, as for any other refused sub-orchestration.
            Logs.SubOrchestrationRefused(_logger, parent.InstanceId, childId, invalid);
            var refused = new FailureDetails(typeof(InvalidIdentifierException).FullName!, $"The sub-orchestration was not started: {invalid}", IsNonRetriable: true);
            inboxInserts.Add(Message(parent.InstanceId, new SubOrchestrationInstanceFailedEvent(-1, now, action.Id, refused), now));
            return;
        }

        if (_active.ContainsKey(childId) || TakeRefusedChildStart(parent.InstanceId, childId) || !startedChildren.Add(childId))
        {
            Logs.SubOrchestrationIdInUse(_logger, parent.InstanceId, childId);
            var failure = new FailureDetails(
                typeof(InstanceAlreadyExistsException).FullName!,
                $"An active orchestration instance with id '{childId}' already exists, so the sub-orchestration was not started. Use a unique sub-orchestration instance id.",
                IsNonRetriable: true);
            inboxInserts.Add(Message(parent.InstanceId, new SubOrchestrationInstanceFailedEvent(-1, now, action.Id, failure), now));
            return;
        }

        var parentInfo = new ParentInstanceInfo(action.Id, parent.Name, parent.InstanceId, parent.ExecutionId);
        string executionId = NewIdentifier();
        conditions.Add(InstanceCondition.NotActive(childId));
        historyDeletes.Add(childId);
        upserts.Add(NewInstanceRecord(childId, executionId, action.Name, action.Version, action.Input, action.Tags, parentInfo, now, null));
        var started = new ExecutionStartedEvent(
            -1, now, action.Name, childId, executionId, action.Input, action.Version, parentInfo, null, action.Tags, action.ParentTraceContext);
        inboxInserts.Add(Message(childId, started, now));
    }

    private InstanceRecord PlanContinueAsNew(
        InstanceState state,
        CompleteOrchestrationAction completion,
        string? customStatus,
        DateTime now,
        IReadOnlyList<long> consumed,
        List<InboxMessage> inboxInserts,
        List<long> inboxDeletes,
        List<ActivityKey> activityDeletes)
    {
        InstanceRecord record = state.Record;
        string executionId = NewIdentifier();
        InstanceRecord updated = record with
        {
            ExecutionId = executionId,
            Status = OrchestrationStatus.Running,
            Input = completion.Result,
            Version = completion.NewVersion ?? record.Version,
            Output = null,
            FailureDetails = null,
            CustomStatus = customStatus,
            CompletedAt = null,
            ScheduledStartAt = null,
            TraceContext = null, // a new execution is a new orchestration span
            HistoryLength = 0,
            LastUpdatedAt = now,
            RowVersion = record.RowVersion + 1,
        };

        var started = new ExecutionStartedEvent(
            -1, now, record.Name, record.InstanceId, executionId, completion.Result, updated.Version, record.Parent, null, record.Tags);
        inboxInserts.Add(Message(record.InstanceId, started, now));
        foreach (HistoryEvent carried in completion.CarryoverEvents ?? [])
        {
            inboxInserts.Add(Message(record.InstanceId, carried, now));
        }

        // External events and control requests that arrived meanwhile belong to the new generation; results and
        // timers of the old generation do not.
        var consumedSet = new HashSet<long>(consumed);
        foreach (InboxMessage message in state.Inbox.Values)
        {
            if (!consumedSet.Contains(message.MessageId) && !BelongsToNextGeneration(message.Event))
            {
                inboxDeletes.Add(message.MessageId);
            }
        }

        activityDeletes.AddRange(state.Activities);
        return updated;
    }

    private static bool BelongsToNextGeneration(HistoryEvent e) => e is EventRaisedEvent || IsControl(e);

    /// <summary>A finished instance keeps no messages and no queued activities.</summary>
    private static void PlanFinish(InstanceState state, IReadOnlyList<long> alreadyDeleted, List<long> inboxDeletes, List<ActivityKey> activityDeletes)
    {
        var deleted = new HashSet<long>(alreadyDeleted);
        foreach (long messageId in state.Inbox.Keys)
        {
            if (!deleted.Contains(messageId))
            {
                inboxDeletes.Add(messageId);
            }
        }

        activityDeletes.AddRange(state.Activities);
    }

    /// <summary>Tells the parent of a finished sub-orchestration, when the parent's generation that started it is still active.</summary>
    private void PlanParentNotification(
        InstanceRecord child, OrchestrationStatus status, string? result, FailureDetails? failure, DateTime now, List<InboxMessage> inboxInserts)
    {
        if (child.Parent is not { } parent)
        {
            return;
        }

        if (!_active.TryGetValue(parent.InstanceId, out InstanceState? parentState))
        {
            // On a shared store the parent may run on another engine, which discards the notice if the parent has finished.
            if (_ownership is null)
            {
                return;
            }
        }
        else if (parent.ExecutionId is not null && parentState.Record.ExecutionId != parent.ExecutionId)
        {
            return;
        }

        HistoryEvent notice = status == OrchestrationStatus.Completed
            ? new SubOrchestrationInstanceCompletedEvent(-1, now, parent.TaskScheduledId, result)
            : new SubOrchestrationInstanceFailedEvent(
                -1,
                now,
                parent.TaskScheduledId,
                failure ?? new FailureDetails(
                    "DurableAgents.OrchestrationTerminated",
                    $"Sub-orchestration '{child.InstanceId}' was {status}" + (result is null ? "." : $": {result}")));
        inboxInserts.Add(Message(parent.InstanceId, notice, now));
    }

    /// <summary>Terminates an instance in the engine: no worker runs; its messages and activities are discarded.</summary>
    private void StartTerminate(InstanceState state, List<InboxMessage> batch, DateTime now)
    {
        InstanceRecord record = state.Record;
        ExecutionTerminatedEvent terminated = batch.Select(m => m.Event).OfType<ExecutionTerminatedEvent>().First();
        var appended = new List<HistoryEvent> { new OrchestratorStartedEvent(-1, now) };
        if (record.HistoryLength == 0)
        {
            appended.AddRange(batch.Select(m => m.Event).OfType<ExecutionStartedEvent>().Take(1));
        }

        appended.Add(terminated);
        appended.Add(new ExecutionCompletedEvent(-1, now, OrchestrationStatus.Terminated, terminated.Input));
        InstanceRecord updated = record with
        {
            Status = OrchestrationStatus.Terminated,
            Output = terminated.Input,
            CompletedAt = now,
            LastUpdatedAt = now,
            HistoryLength = record.HistoryLength + appended.Count,
            RowVersion = record.RowVersion + 1,
        };

        var inboxInserts = new List<InboxMessage>();
        if (terminated.Recurse)
        {
            foreach (InstanceState child in _active.Values)
            {
                if (child.Record.Parent?.InstanceId == record.InstanceId)
                {
                    inboxInserts.Add(Message(child.InstanceId, new ExecutionTerminatedEvent(-1, now, terminated.Input, Recurse: true), now));
                }
            }

            foreach (string childId in ChildrenElsewhere(state))
            {
                inboxInserts.Add(Message(childId, new ExecutionTerminatedEvent(-1, now, terminated.Input, Recurse: true), now));
            }
        }

        PlanParentNotification(record, OrchestrationStatus.Terminated, terminated.Input, null, now, inboxInserts);
        var request = new CommitRequest
        {
            Fence = FenceFor(record.InstanceId),
            Conditions = [InstanceCondition.VersionEquals(record.InstanceId, record.RowVersion)],
            InstanceUpserts = [updated],
            HistoryAppends = [new HistoryAppend(record.InstanceId, record.ExecutionId, record.HistoryLength, appended)],
            InboxDeletes = state.Inbox.Keys.ToArray(),
            ActivityDeletes = state.Activities.ToArray(),
            InboxInserts = inboxInserts,
        };
        SubmitEngineChange(state, request);
    }

    /// <summary>Changes only the status (suspend or resume); the control messages stay in the inbox for the next episode.</summary>
    private void StartStatusChange(InstanceState state, OrchestrationStatus status, DateTime now)
    {
        InstanceRecord record = state.Record;
        var request = new CommitRequest
        {
            Fence = FenceFor(record.InstanceId),
            Conditions = [InstanceCondition.VersionEquals(record.InstanceId, record.RowVersion)],
            InstanceUpserts = [record with { Status = status, LastUpdatedAt = now, RowVersion = record.RowVersion + 1 }],
        };
        SubmitEngineChange(state, request);
    }

    private void SubmitEngineChange(InstanceState state, CommitRequest request)
    {
        try
        {
            state.Busy = true;
            Observe(_commits.SubmitAsync(
                request,
                outcome => OnInstanceCommit(state, request, outcome, null),
                _ => OnInstanceCommitFailed(state)));
        }
        catch (TaskHubNotRunningException)
        {
            // The engine is stopping; the change is made again from the inbox after the next start.
            state.Busy = false;
        }
    }

    /// <summary>After a commit about one instance: mirror it, release the instance and look at its inbox again.</summary>
    private void OnInstanceCommit(InstanceState state, CommitRequest request, CommitOutcome outcome, WorkerConnection? ranBy)
    {
        state.Busy = false;
        if (outcome.Committed)
        {
            ApplyCommitted(request, state);
            if (!state.Removed && ranBy is { Options.SupportsHistoryCache: true })
            {
                state.CacheOwner = ranBy;
                state.CacheExecutionId = state.Record.ExecutionId;
                state.CacheHistoryLength = state.Record.HistoryLength;
            }
        }
        else if (outcome.FailedFence is { } fence)
        {
            OnFenced(fence);
            return;
        }
        else if (outcome.RefusedReason is { } refused)
        {
            // The store can never write this change, so there is nothing to resynchronise; the instance's work is planned
            // afresh after the retry delay (an episode refused again then fails the orchestration).
            Logs.EngineChangeRefused(_logger, state.InstanceId, refused);
            state.CacheOwner = null;
            _wakeUps.Schedule(Now + _options.AbandonedWorkRetryDelay, state);
            return;
        }
        else
        {
            Logs.CommitConditionFailed(_logger, state.InstanceId, outcome.FailedCondition?.ToString() ?? "?");
            if (outcome.FailedCondition is { } failed)
            {
                NoteRefusedChildStart(state, failed);
            }

            if (outcome.FailedCondition?.InstanceId == state.InstanceId)
            {
                // Memory and store disagree about this instance: reload its row before trying again, so a wrong
                // row version cannot make the same commit fail forever.
                state.Busy = true;
                _ = Task.Run(() => ResyncAsync(state));
                return;
            }
        }

        Reevaluate(state, Now);
    }

    private async Task ResyncAsync(InstanceState state)
    {
        InstanceRecord? stored = null;
        bool readFailed = false;
        try
        {
            stored = await _store.GetInstanceAsync(state.InstanceId, true, CancellationToken.None).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // A failed read leaves memory as it was; the retry delay below paces the next attempt.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logs.InstanceReadFailed(_logger, state.InstanceId, ex);
            readFailed = true;
        }

        lock (_gate)
        {
            state.Busy = false;
            if (readFailed)
            {
                _wakeUps.Schedule(Now + _options.AbandonedWorkRetryDelay, state);
            }
            else if (stored is null || stored.Status.IsTerminal())
            {
                RemoveActive(state.InstanceId);
                _orphanMessages.AddRange(state.Inbox.Keys);
                state.Inbox.Clear();
                _watchers.Notify(state.InstanceId);
            }
            else
            {
                state.Record = stored;
                state.History = null;
                state.CacheOwner = null;

                // Waiters judge the in-memory record; it just changed, so let them look again.
                _watchers.Notify(state.InstanceId);
                _wakeUps.Schedule(Now + _options.AbandonedWorkRetryDelay, state);
            }

            AfterCommitBatch();
        }
    }

    private void OnInstanceCommitFailed(InstanceState state)
    {
        state.Busy = false;
        _wakeUps.Schedule(Now + _options.AbandonedWorkRetryDelay, state);
    }

    private static InstanceRecord NewInstanceRecord(
        string instanceId,
        string executionId,
        string name,
        string? version,
        string? input,
        IReadOnlyDictionary<string, string>? tags,
        ParentInstanceInfo? parent,
        DateTime now,
        DateTime? scheduledStart) => new()
        {
            InstanceId = instanceId,
            ExecutionId = executionId,
            Name = name,
            Version = version,
            Status = OrchestrationStatus.Pending,
            Input = input,
            CreatedAt = now,
            LastUpdatedAt = now,
            ScheduledStartAt = scheduledStart,
            Parent = parent,
            Tags = tags,
            HistoryLength = 0,
            RowVersion = 1,
        };
}
