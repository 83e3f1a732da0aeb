namespace DurableAgents.TaskHub.Storage;

/// <summary>A filter and page request over instance rows. Results are ordered by (CreatedAt, InstanceId).</summary>
public sealed record InstanceQuery
{
    /// <summary>Only rows created at or after this time (UTC).</summary>
    public DateTime? CreatedFrom { get; init; }

    /// <summary>Only rows created at or before this time (UTC).</summary>
    public DateTime? CreatedTo { get; init; }

    /// <summary>Only rows in one of these statuses; all when null or empty.</summary>
    public IReadOnlyCollection<OrchestrationStatus>? Statuses { get; init; }

    /// <summary>Only rows whose instance id starts with this text (ordinal).</summary>
    public string? InstanceIdPrefix { get; init; }

    /// <summary>Rows per page (at least 1).</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>Opaque token from the previous page's <see cref="InstancePage.ContinuationToken"/>.</summary>
    public string? ContinuationToken { get; init; }

    /// <summary>When false the store may leave Input, Output and CustomStatus null.</summary>
    public bool IncludePayloads { get; init; }
}
