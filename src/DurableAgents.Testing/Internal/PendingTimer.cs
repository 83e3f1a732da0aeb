namespace DurableAgents.Testing.Internal;

/// <summary>
/// A durable timer (or a deferred start) waiting for virtual time to reach <see cref="DueAt"/>;
/// <see cref="TimerId"/> is null for a deferred start.
/// </summary>
internal sealed record PendingTimer(string InstanceId, string ExecutionId, DateTime DueAt, int? TimerId);
