namespace DurableAgents.Client;

/// <summary>Which terminal instances to purge.</summary>
/// <param name="CreatedFrom">Created at or after (required).</param>
/// <param name="CreatedTo">Created at or before.</param>
/// <param name="Statuses">Only these terminal statuses; all terminal statuses when null.</param>
public sealed record PurgeInstancesFilter(
    DateTimeOffset CreatedFrom,
    DateTimeOffset? CreatedTo = null,
    IReadOnlyCollection<OrchestrationStatus>? Statuses = null);
