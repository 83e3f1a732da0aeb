namespace DurableAgents;

/// <summary>Which instances an engine query returns, one page at a time (the engine's side of the official OrchestrationQuery).</summary>
public sealed record InstanceFilter
{
    /// <summary>Default page size.</summary>
    public const int DefaultPageSize = 100;

    /// <summary>Only instances created at or after this time.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Only instances created at or before this time.</summary>
    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>Only instances in one of these statuses.</summary>
    public IReadOnlyCollection<OrchestrationStatus>? Statuses { get; init; }

    /// <summary>Only instances whose id starts with this prefix.</summary>
    public string? InstanceIdPrefix { get; init; }

    /// <summary>Instances per page.</summary>
    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>Include inputs, outputs and custom status.</summary>
    public bool FetchInputsAndOutputs { get; init; }

    /// <summary>Where to continue from (opaque, from a previous page).</summary>
    public string? ContinuationToken { get; init; }
}
