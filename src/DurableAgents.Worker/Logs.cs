using Microsoft.Extensions.Logging;

namespace DurableAgents.Worker;

/// <summary>Every log message of the worker, with stable event ids (4000-4999; the table is in the top README).</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 4000, Level = LogLevel.Information,
        Message = "Durable task worker '{WorkerName}' connecting to the sidecar at {Address} ({OrchestratorCount} orchestrators, {ActivityCount} activities)")]
    public static partial void Connecting(ILogger logger, string workerName, string address, int orchestratorCount, int activityCount);

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information,
        Message = "Connected to the sidecar at {Address}; waiting for work items")]
    public static partial void Connected(ILogger logger, string address);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning,
        Message = "No sidecar is listening at {Address}; retrying in {DelaySeconds:0.###} s. Start the sidecar, or fix the worker's address (UseGrpc). Detail: {Detail}")]
    public static partial void SidecarNotListening(ILogger logger, string address, double delaySeconds, string detail);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information,
        Message = "The sidecar at {Address} ended the work-item stream; reconnecting in {DelaySeconds:0.###} s")]
    public static partial void StreamEnded(ILogger logger, string address, double delaySeconds);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning,
        Message = "The work-item stream from {Address} failed ({StatusCode}); reconnecting in {DelaySeconds:0.###} s")]
    public static partial void StreamFailed(ILogger logger, Exception exception, string address, string statusCode, double delaySeconds);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Error,
        Message = "The sidecar at {Address} refused the worker's credentials ({StatusCode}); set DurableTaskWorkerOptions.ApiKey to the sidecar's key. Retrying in {DelaySeconds:0.###} s")]
    public static partial void Unauthenticated(ILogger logger, string address, string statusCode, double delaySeconds);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Warning,
        Message = "Orchestration {InstanceId} failed: no orchestrator named '{Name}' is registered with this worker")]
    public static partial void OrchestratorNotRegistered(ILogger logger, string instanceId, string name);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Warning,
        Message = "Activity '{Name}' (task {TaskId} of {InstanceId}) failed: no activity with that name is registered with this worker")]
    public static partial void ActivityNotRegistered(ILogger logger, string name, string instanceId, int taskId);

    [LoggerMessage(EventId = 4012, Level = LogLevel.Debug,
        Message = "Orchestration {InstanceId}: not in this worker's replay cache; asking the sidecar for the full history")]
    public static partial void HistoryNotCached(ILogger logger, string instanceId);

    [LoggerMessage(EventId = 4016, Level = LogLevel.Debug,
        Message = "Orchestration {InstanceId}: the replay cache holds {CachedLength} history events but the sidecar has {SidecarLength}; asking for the full history")]
    public static partial void HistoryLengthMismatch(ILogger logger, string instanceId, int cachedLength, long sidecarLength);

    [LoggerMessage(EventId = 4017, Level = LogLevel.Debug,
        Message = "Orchestration {InstanceId}: ran an episode of {PastEvents} replayed and {NewEvents} new history events; {Actions} actions for the sidecar")]
    public static partial void EpisodeRan(ILogger logger, string instanceId, int pastEvents, int newEvents, int actions);

    [LoggerMessage(EventId = 4018, Level = LogLevel.Debug,
        Message = "Activity '{Name}' (task {TaskId} of {InstanceId}) completed")]
    public static partial void ActivityCompleted(ILogger logger, string name, string instanceId, int taskId);

    [LoggerMessage(EventId = 4013, Level = LogLevel.Warning,
        Message = "Orchestration {InstanceId}: the cached replay state failed; it was dropped and the full history is requested")]
    public static partial void CachedSessionFailed(ILogger logger, Exception exception, string instanceId);

    [LoggerMessage(EventId = 4014, Level = LogLevel.Error,
        Message = "Orchestration {InstanceId} could not be replayed; it is completed as Failed")]
    public static partial void OrchestrationReplayFailed(ILogger logger, Exception exception, string instanceId);

    [LoggerMessage(EventId = 4015, Level = LogLevel.Debug,
        Message = "Activity '{Name}' (task {TaskId} of {InstanceId}) failed")]
    public static partial void ActivityFailed(ILogger logger, Exception exception, string name, string instanceId, int taskId);

    [LoggerMessage(EventId = 4020, Level = LogLevel.Warning,
        Message = "The sidecar did not accept the result of {Kind} work item for {InstanceId}; the sidecar will deliver the work again")]
    public static partial void CompletionFailed(ILogger logger, Exception exception, string kind, string instanceId);

    [LoggerMessage(EventId = 4021, Level = LogLevel.Warning,
        Message = "Handing {Kind} work item for {InstanceId} back to the sidecar failed; it is delivered again when its lease expires")]
    public static partial void AbandonFailed(ILogger logger, Exception exception, string kind, string instanceId);

    [LoggerMessage(EventId = 4022, Level = LogLevel.Warning,
        Message = "Ignoring a {Kind} work item: this worker does not run entities")]
    public static partial void UnsupportedWorkItem(ILogger logger, string kind);

    [LoggerMessage(EventId = 4023, Level = LogLevel.Error,
        Message = "Handling {Kind} work item for {InstanceId} failed unexpectedly; the work item is handed back to the sidecar")]
    public static partial void WorkItemFailed(ILogger logger, Exception exception, string kind, string instanceId);

    [LoggerMessage(EventId = 4030, Level = LogLevel.Information,
        Message = "Durable task worker '{WorkerName}' stopping: waiting up to {TimeoutSeconds:0.###} s for {InFlight} work items in progress")]
    public static partial void Draining(ILogger logger, string workerName, double timeoutSeconds, int inFlight);

    [LoggerMessage(EventId = 4031, Level = LogLevel.Warning,
        Message = "Durable task worker '{WorkerName}': {Count} work items did not finish within the shutdown timeout and were handed back to the sidecar")]
    public static partial void AbandonedOnShutdown(ILogger logger, string workerName, int count);

    [LoggerMessage(EventId = 4032, Level = LogLevel.Information,
        Message = "Durable task worker '{WorkerName}' stopped")]
    public static partial void Stopped(ILogger logger, string workerName);

    [LoggerMessage(EventId = 4033, Level = LogLevel.Information,
        Message = "The work-item stream from {Address} ended while the host is stopping ({Status}); not reconnecting")]
    public static partial void StreamEndedWhileStopping(ILogger logger, string address, string status);
}
