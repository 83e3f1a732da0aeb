namespace DurableAgents.Cli.Backends;

/// <summary>What <c>list</c> asks for.</summary>
internal sealed record InstanceListRequest
{
    /// <summary>Only these statuses; all when null.</summary>
    public IReadOnlyCollection<OrchestrationStatus>? Statuses { get; init; }

    /// <summary>Only ids that start with this.</summary>
    public string? InstanceIdPrefix { get; init; }

    /// <summary>Created at or after.</summary>
    public DateTimeOffset? CreatedFrom { get; init; }

    /// <summary>Created at or before.</summary>
    public DateTimeOffset? CreatedTo { get; init; }

    /// <summary>At most this many instances.</summary>
    public int Top { get; init; } = 100;
}
