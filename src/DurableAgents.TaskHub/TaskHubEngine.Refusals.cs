using DurableAgents.History;
using DurableAgents.TaskHub.Internal;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.TaskHub;

/// <summary>
/// Requests the store can never write (<see cref="CommitOutcome.Refused"/>, e.g. over DynamoDB's item or transaction
/// limits). Retrying one fails the same way forever, so the work that made it fails instead, with the store's reason:
/// a refused episode fails its orchestration, a refused activity result fails that activity.
/// </summary>
public sealed partial class TaskHubEngine
{
    /// <summary>After an episode's commit (under the engine lock): a refused one fails the orchestration; anything else as for every instance commit.</summary>
    private void OnEpisodeCommit(EpisodeLease lease, CommitRequest request, CommitOutcome outcome)
    {
        if (outcome.RefusedReason is { } reason)
        {
            FailRefusedEpisode(lease, reason);
            return;
        }

        OnInstanceCommit(lease.State, request, outcome, lease.Connection);
    }

    /// <summary>
    /// Ends the instance as Failed in place of the episode the store refused: the episode's OrchestratorStarted (and
    /// ExecutionStarted, on the execution's first episode) and an ExecutionCompleted(Failed) naming the reason, with the
    /// messages and activities a finish discards, and the parent told. A small commit, so the store takes it.
    /// </summary>
    private void FailRefusedEpisode(EpisodeLease lease, string reason)
    {
        InstanceState state = lease.State;
        InstanceRecord record = state.Record;
        DateTime now = Now;
        Logs.EpisodeRefused(_logger, record.InstanceId, record.Name, reason);

        // The worker's replay state holds the episode the store never took; it must not serve a later episode.
        state.CacheOwner = null;
        var failure = new FailureDetails(
            CommitRefusedException.ErrorType,
            $"The orchestration failed because the store cannot save what its episode did: {reason}",
            IsNonRetriable: true);
        var appended = new List<HistoryEvent>
        {
            lease.NewEvents.Count > 0 && lease.NewEvents[0] is OrchestratorStartedEvent started ? started : new OrchestratorStartedEvent(-1, now),
        };
        appended.AddRange(lease.NewEvents.OfType<ExecutionStartedEvent>().Take(1));
        appended.Add(new ExecutionCompletedEvent(-1, now, OrchestrationStatus.Failed, null, failure));

        // The custom status the episode set is not kept: it may be the very value the store refused.
        InstanceRecord failed = record with
        {
            Status = OrchestrationStatus.Failed,
            Output = null,
            FailureDetails = failure,
            CompletedAt = now,
            LastUpdatedAt = now,
            HistoryLength = record.HistoryLength + appended.Count,
            RowVersion = record.RowVersion + 1,
        };
        var inboxDeletes = new List<long>(lease.MessageIds);
        var activityDeletes = new List<ActivityKey>();
        PlanFinish(state, lease.MessageIds, inboxDeletes, activityDeletes);
        var inboxInserts = new List<InboxMessage>();
        PlanParentNotification(record, OrchestrationStatus.Failed, null, failure, now, inboxInserts);
        SubmitEngineChange(state, new CommitRequest
        {
            Fence = FenceFor(record.InstanceId),
            Conditions = [InstanceCondition.VersionEquals(record.InstanceId, record.RowVersion)],
            InstanceUpserts = [failed],
            HistoryAppends = [new HistoryAppend(record.InstanceId, record.ExecutionId, record.HistoryLength, appended)],
            InboxDeletes = inboxDeletes,
            ActivityDeletes = activityDeletes,
            InboxInserts = inboxInserts,
        });
    }

    /// <summary>After an activity result's commit (under the engine lock): a refused result becomes a TaskFailed with the store's reason.</summary>
    private void OnActivityResultCommit(ActivityTask task, CommitRequest request, CommitOutcome outcome)
    {
        if (outcome.Committed)
        {
            ApplyCommitted(request, null);
            return;
        }

        if (outcome.FailedFence is { } fence)
        {
            // Another engine owns the instance now; the activity row stays and that engine hands it out again.
            OnFenced(fence);
            return;
        }

        if (outcome.RefusedReason is not { } reason)
        {
            // An activity result carries no instance conditions, so no other outcome is expected; the activity runs again.
            RequeueActivity(task);
            return;
        }

        Logs.ActivityResultRefused(_logger, task.InstanceId, task.TaskId, task.Name, reason);
        DateTime now = Now;
        var inserts = new List<InboxMessage>(1);
        if (IsOutstanding(task))
        {
            var failure = new FailureDetails(
                CommitRefusedException.ErrorType,
                $"The activity '{task.Name}' ran, but the store cannot save its result: {reason}",
                IsNonRetriable: true);
            inserts.Add(Message(task.InstanceId, new TaskFailedEvent(-1, now, task.TaskId, failure), now));
        }

        var failed = new CommitRequest { Fence = FenceFor(task.InstanceId), ActivityDeletes = [task.Key], InboxInserts = inserts };
        try
        {
            Observe(_commits.SubmitAsync(
                failed,
                o =>
                {
                    if (o.FailedFence is { } lost)
                    {
                        OnFenced(lost);
                        return;
                    }

                    if (o.RefusedReason is { } again)
                    {
                        // Even the failure does not fit: the activity runs again later rather than being lost.
                        Logs.EngineChangeRefused(_logger, task.InstanceId, again);
                        RequeueActivity(task);
                        return;
                    }

                    ApplyCommitted(failed, null);
                },
                _ => RequeueActivity(task)));
        }
        catch (TaskHubNotRunningException)
        {
            // The engine is stopping; the activity row is still stored, so it runs again after the next start.
        }
    }
}
