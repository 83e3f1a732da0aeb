namespace DurableAgents;

/// <summary>Options of a sub-orchestration call, including the child's instance id.</summary>
public sealed class SubOrchestrationOptions : TaskOptions
{
    /// <summary>Creates options with an optional instance id and retries.</summary>
    public SubOrchestrationOptions(TaskRetryOptions? retry = null, string? instanceId = null)
        : base(retry)
    {
        InstanceId = instanceId;
    }

    /// <summary>Copies <paramref name="options"/> and sets the instance id.</summary>
    public SubOrchestrationOptions(TaskOptions options, string? instanceId = null)
        : base(options?.Retry)
    {
        Tags = options?.Tags;
        InstanceId = instanceId;
    }

    /// <summary>The child's instance id; when null a deterministic id is derived from the parent.</summary>
    public string? InstanceId { get; init; }
}
