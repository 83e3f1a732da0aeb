namespace DurableAgents.TaskHub.Storage;

/// <summary>One page of instance rows and the token for the next page (null when there are no more).</summary>
/// <param name="Instances">The rows, ordered by (CreatedAt, InstanceId).</param>
/// <param name="ContinuationToken">Pass it back in <see cref="InstanceQuery.ContinuationToken"/> to read the next page.</param>
public sealed record InstancePage(IReadOnlyList<InstanceRecord> Instances, string? ContinuationToken);
