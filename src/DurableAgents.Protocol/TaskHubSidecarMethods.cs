namespace DurableAgents.Protocol;

/// <summary>Names of the TaskHubSidecarService and its 29 methods; the .proto has no package, so paths are <c>/TaskHubSidecarService/{Method}</c>.</summary>
public static class TaskHubSidecarMethods
{
    /// <summary>The service part of every path.</summary>
    public const string ServiceName = "TaskHubSidecarService";

    /// <summary>Checks that the sidecar is up; a worker calls it before GetWorkItems.</summary>
    public const string Hello = "Hello";

    /// <summary>Starts a new orchestration instance.</summary>
    public const string StartInstance = "StartInstance";

    /// <summary>Reads an instance's state; exists=false for an unknown id.</summary>
    public const string GetInstance = "GetInstance";

    /// <summary>Rewinds a failed instance.</summary>
    public const string RewindInstance = "RewindInstance";

    /// <summary>Restarts an instance with its original input.</summary>
    public const string RestartInstance = "RestartInstance";

    /// <summary>Waits until an instance is no longer Pending.</summary>
    public const string WaitForInstanceStart = "WaitForInstanceStart";

    /// <summary>Waits until an instance reaches a terminal status.</summary>
    public const string WaitForInstanceCompletion = "WaitForInstanceCompletion";

    /// <summary>Sends an external event to an instance.</summary>
    public const string RaiseEvent = "RaiseEvent";

    /// <summary>Terminates an instance.</summary>
    public const string TerminateInstance = "TerminateInstance";

    /// <summary>Suspends an instance.</summary>
    public const string SuspendInstance = "SuspendInstance";

    /// <summary>Resumes a suspended instance.</summary>
    public const string ResumeInstance = "ResumeInstance";

    /// <summary>Reads one page of instance states.</summary>
    public const string QueryInstances = "QueryInstances";

    /// <summary>Reads one page of instance ids.</summary>
    public const string ListInstanceIds = "ListInstanceIds";

    /// <summary>Deletes terminal instances and their history.</summary>
    public const string PurgeInstances = "PurgeInstances";

    /// <summary>Opens the worker's work-item stream.</summary>
    public const string GetWorkItems = "GetWorkItems";

    /// <summary>Reports an activity work item's result or failure.</summary>
    public const string CompleteActivityTask = "CompleteActivityTask";

    /// <summary>Reports an orchestrator work item's actions.</summary>
    public const string CompleteOrchestratorTask = "CompleteOrchestratorTask";

    /// <summary>Reports an entity work item's results.</summary>
    public const string CompleteEntityTask = "CompleteEntityTask";

    /// <summary>Streams an instance's history in chunks.</summary>
    public const string StreamInstanceHistory = "StreamInstanceHistory";

    /// <summary>Creates the task hub's storage.</summary>
    public const string CreateTaskHub = "CreateTaskHub";

    /// <summary>Deletes the task hub's storage.</summary>
    public const string DeleteTaskHub = "DeleteTaskHub";

    /// <summary>Signals a durable entity.</summary>
    public const string SignalEntity = "SignalEntity";

    /// <summary>Reads a durable entity.</summary>
    public const string GetEntity = "GetEntity";

    /// <summary>Queries durable entities.</summary>
    public const string QueryEntities = "QueryEntities";

    /// <summary>Cleans durable entity storage.</summary>
    public const string CleanEntityStorage = "CleanEntityStorage";

    /// <summary>Gives an activity work item back for redelivery.</summary>
    public const string AbandonTaskActivityWorkItem = "AbandonTaskActivityWorkItem";

    /// <summary>Gives an orchestrator work item back for redelivery.</summary>
    public const string AbandonTaskOrchestratorWorkItem = "AbandonTaskOrchestratorWorkItem";

    /// <summary>Gives an entity work item back for redelivery.</summary>
    public const string AbandonTaskEntityWorkItem = "AbandonTaskEntityWorkItem";

    /// <summary>Marks instances Terminated at once, without running them.</summary>
    public const string SkipGracefulOrchestrationTerminations = "SkipGracefulOrchestrationTerminations";

    /// <summary>Every method name, in the order of the .proto.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Hello,
        StartInstance,
        GetInstance,
        RewindInstance,
        RestartInstance,
        WaitForInstanceStart,
        WaitForInstanceCompletion,
        RaiseEvent,
        TerminateInstance,
        SuspendInstance,
        ResumeInstance,
        QueryInstances,
        ListInstanceIds,
        PurgeInstances,
        GetWorkItems,
        CompleteActivityTask,
        CompleteOrchestratorTask,
        CompleteEntityTask,
        StreamInstanceHistory,
        CreateTaskHub,
        DeleteTaskHub,
        SignalEntity,
        GetEntity,
        QueryEntities,
        CleanEntityStorage,
        AbandonTaskActivityWorkItem,
        AbandonTaskOrchestratorWorkItem,
        AbandonTaskEntityWorkItem,
        SkipGracefulOrchestrationTerminations,
    ];

    /// <summary>The full path of a method, e.g. <c>/TaskHubSidecarService/Hello</c>.</summary>
    public static string PathOf(string method) => $"/{ServiceName}/{method}";
}
