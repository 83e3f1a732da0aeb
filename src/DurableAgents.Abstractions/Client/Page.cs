namespace DurableAgents.Client;

/// <summary>One page of query results and the token for the next page (null when there is none).</summary>
public sealed record Page<T>(IReadOnlyList<T> Values, string? ContinuationToken);
