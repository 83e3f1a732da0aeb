using Microsoft.Extensions.Logging;

namespace DurableAgents.TaskHub;

/// <summary>Structured log messages of the task hub engine (event ids 1000-1999; the table is in the top README).</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Task hub engine started: {ActiveInstances} active instances, {InboxMessages} inbox messages and {Activities} activities recovered.")]
    public static partial void EngineStarted(ILogger logger, int activeInstances, int inboxMessages, int activities);

    [LoggerMessage(EventId = 1002, Level = LogLevel.Information, Message = "Task hub engine stopped.")]
    public static partial void EngineStopped(ILogger logger);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Information, Message = "Worker {ConnectionId} ({WorkerName}) connected: {MaxOrchestrations} orchestrations, {MaxActivities} activities at once, history cache {SupportsHistoryCache}.")]
    public static partial void WorkerConnected(ILogger logger, string connectionId, string? workerName, int maxOrchestrations, int maxActivities, bool supportsHistoryCache);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Worker {ConnectionId} disconnected; {ReturnedWorkItems} work items in flight were handed back.")]
    public static partial void WorkerDisconnected(ILogger logger, string connectionId, int returnedWorkItems);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Debug, Message = "Instance {InstanceId} created ({Name}).")]
    public static partial void InstanceCreated(ILogger logger, string instanceId, string name);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "Instance {InstanceId} ({Name}) Completed after {Duration}.")]
    public static partial void InstanceCompleted(ILogger logger, string instanceId, string name, TimeSpan duration);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Warning, Message = "Lease of work item {CompletionToken} for instance {InstanceId} expired; handing it out again.")]
    public static partial void LeaseExpired(ILogger logger, string completionToken, string instanceId);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Debug, Message = "Work item {CompletionToken} for instance {InstanceId} was abandoned.")]
    public static partial void WorkItemAbandoned(ILogger logger, string completionToken, string instanceId);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Error, Message = "A store commit of {RequestCount} requests failed; every caller of the batch gets the error.")]
    public static partial void CommitFailed(ILogger logger, int requestCount, Exception exception);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Error, Message = "Applying a committed change in memory failed.")]
    public static partial void ApplyFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Warning, Message = "A commit for instance {InstanceId} was refused by the store: condition {Condition} did not hold. The work will be handed out again.")]
    public static partial void CommitConditionFailed(ILogger logger, string instanceId, string condition);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Error, Message = "Reading the history of instance {InstanceId} for a work item failed; the episode will be retried.")]
    public static partial void HistoryReadFailed(ILogger logger, string instanceId, Exception exception);

    [LoggerMessage(EventId = 1013, Level = LogLevel.Debug, Message = "Worker asked for the full history of instance {InstanceId}; sending it again.")]
    public static partial void HistoryRequired(ILogger logger, string instanceId);

    [LoggerMessage(EventId = 1014, Level = LogLevel.Warning, Message = "Sub-orchestration {ChildInstanceId} of {InstanceId} was not started: an active instance already has that id.")]
    public static partial void SubOrchestrationIdInUse(ILogger logger, string instanceId, string childInstanceId);

    [LoggerMessage(EventId = 1015, Level = LogLevel.Debug, Message = "Discarding {Count} inbox messages addressed to instances that are not active.")]
    public static partial void DiscardingOrphans(ILogger logger, int count);

    [LoggerMessage(EventId = 1016, Level = LogLevel.Error, Message = "Reading the row of instance {InstanceId} to resynchronise it failed; retrying later.")]
    public static partial void InstanceReadFailed(ILogger logger, string instanceId, Exception exception);

    [LoggerMessage(EventId = 1017, Level = LogLevel.Warning, Message = "Instance {InstanceId} ({Name}) Failed after {Duration}: {ErrorType}: {ErrorMessage}")]
    public static partial void InstanceFailed(ILogger logger, string instanceId, string name, TimeSpan duration, string errorType, string errorMessage);

    [LoggerMessage(EventId = 1018, Level = LogLevel.Information, Message = "Instance {InstanceId} ({Name}) {Status} after {Duration}; output: {Output}")]
    public static partial void InstanceEndedOtherwise(ILogger logger, string instanceId, string name, OrchestrationStatus status, TimeSpan duration, string? output);

    [LoggerMessage(EventId = 1019, Level = LogLevel.Warning, Message = "Sub-orchestration {ChildInstanceId} of {InstanceId} was not started: {Problem}")]
    public static partial void SubOrchestrationRefused(ILogger logger, string instanceId, string childInstanceId, string problem);

    [LoggerMessage(EventId = 1020, Level = LogLevel.Warning, Message = "Instance {InstanceId} has waited {Waited} for a worker that runs orchestrator '{Name}', and no connected worker does. It runs as soon as a worker that registers '{Name}' connects; check the name, start such a worker, or terminate the instance.")]
    public static partial void WaitingForWorker(ILogger logger, string instanceId, string name, TimeSpan waited);

    [LoggerMessage(EventId = 1021, Level = LogLevel.Information, Message = "Instance {InstanceId} ({Name}) went to worker {ConnectionId} after waiting {Waited} for a worker that runs it.")]
    public static partial void WorkerFound(ILogger logger, string instanceId, string name, string connectionId, TimeSpan waited);

    [LoggerMessage(EventId = 1022, Level = LogLevel.Information, Message = "Task hub engine {OwnerId} started on a shared store of {PartitionCount} partitions; it owns {Owned} of them.")]
    public static partial void EngineStartedShared(ILogger logger, string ownerId, int partitionCount, int owned);

    [LoggerMessage(EventId = 1023, Level = LogLevel.Information, Message = "Claimed partition {Partition} (epoch {Epoch}) from {PreviousOwner}; fair share {FairShare} of {LiveMembers} engines.")]
    public static partial void PartitionClaimed(ILogger logger, int partition, long epoch, string previousOwner, int fairShare, int liveMembers);

    [LoggerMessage(EventId = 1024, Level = LogLevel.Information, Message = "Partition {Partition} loaded: now running {Instances} of its instances, {InboxMessages} inbox messages and {Activities} activities.")]
    public static partial void PartitionGained(ILogger logger, int partition, int instances, int inboxMessages, int activities);

    [LoggerMessage(EventId = 1025, Level = LogLevel.Information, Message = "Released partition {Partition} (above the fair share of {FairShare} for {LiveMembers} engines); {Instances} instances handed over.")]
    public static partial void PartitionReleased(ILogger logger, int partition, int fairShare, int liveMembers, int instances);

    [LoggerMessage(EventId = 1026, Level = LogLevel.Warning, Message = "Lost partition {Partition}: {Reason}. Stopped running its {Instances} instances; work items out for them are stale.")]
    public static partial void PartitionLost(ILogger logger, int partition, string reason, int instances);

    [LoggerMessage(EventId = 1027, Level = LogLevel.Error, Message = "A partition balancing round failed; held leases stay in use until their safe point and the next round retries.")]
    public static partial void PartitionRoundFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 1028, Level = LogLevel.Error, Message = "Loading partition {Partition} after claiming it failed; the next round claims it again.")]
    public static partial void PartitionLoadFailed(ILogger logger, int partition, Exception exception);

    [LoggerMessage(EventId = 1029, Level = LogLevel.Error, Message = "Reading the inbox of partition {Partition} failed; the next poll retries.")]
    public static partial void InboxPollFailed(ILogger logger, int partition, Exception exception);

    [LoggerMessage(EventId = 1030, Level = LogLevel.Information, Message = "Stopping: released {Count} partitions and left the shared store.")]
    public static partial void PartitionsReleasedOnStop(ILogger logger, int count);

    [LoggerMessage(EventId = 1031, Level = LogLevel.Information, Message = "Removed the heartbeat of member {Owner}, which stopped without leaving (its heartbeat expired at {ExpiredAt:O}).")]
    public static partial void MemberForgotten(ILogger logger, string owner, DateTime expiredAt);

    [LoggerMessage(EventId = 1050, Level = LogLevel.Warning, Message = "The store refused the episode commit of instance {InstanceId} ({Name}), which it can never write; the orchestration fails instead: {Reason}")]
    public static partial void EpisodeRefused(ILogger logger, string instanceId, string name, string reason);

    [LoggerMessage(EventId = 1051, Level = LogLevel.Warning, Message = "The store refused the result of activity {TaskId} ({Name}) of instance {InstanceId}, which it can never write; the activity fails instead: {Reason}")]
    public static partial void ActivityResultRefused(ILogger logger, string instanceId, int taskId, string name, string reason);

    [LoggerMessage(EventId = 1052, Level = LogLevel.Error, Message = "The store refused a commit for instance {InstanceId} that the engine made to end or change it: {Reason}. It is tried again after the retry delay.")]
    public static partial void EngineChangeRefused(ILogger logger, string instanceId, string reason);
}
