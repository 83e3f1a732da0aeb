namespace DurableAgents.TaskHub;

/// <summary>What to start: an orchestrator by name, with optional id, input, version, start time, tags and id reuse policy.</summary>
/// <param name="Name">The orchestrator name.</param>
public sealed record StartInstanceRequest(string Name)
{
    /// <summary>The instance id; a new GUID (N format) when null or empty.</summary>
    public string? InstanceId { get; init; }

    /// <summary>The input as JSON text.</summary>
    public string? Input { get; init; }

    /// <summary>The orchestrator version.</summary>
    public string? Version { get; init; }

    /// <summary>Start no earlier than this time; null (or a time in the past) starts at once.</summary>
    public DateTimeOffset? ScheduledStartTime { get; init; }

    /// <summary>Tags recorded with the instance.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>
    /// The instance-id reuse policy: the statuses in which an existing instance with the id may be replaced. Null (no
    /// policy) replaces any finished instance. Only finished statuses (Completed, Failed, Terminated, Canceled) are ever
    /// replaced: an instance that has not finished is never replaced, even when its status is listed here (the SDK lists
    /// Pending, Running and Suspended unless they are dedupe statuses), so such a start fails as for any unfinished instance.
    /// </summary>
    public IReadOnlyCollection<OrchestrationStatus>? ReplaceableStatuses { get; init; }

    /// <summary>The caller's span; recorded in ExecutionStarted so the worker's orchestration span joins its trace.</summary>
    public History.TraceContext? ParentTraceContext { get; init; }
}
