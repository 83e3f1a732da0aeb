namespace DurableAgents.TaskHub.Storage;

/// <summary>An engine that takes part in a shared task hub, as its last heartbeat recorded it.</summary>
/// <param name="Owner">The engine's id (the <see cref="PartitionLease.Owner"/> it claims partitions as).</param>
/// <param name="ExpiresAt">When the engine counts as gone unless it beats again (UTC).</param>
public sealed record PartitionMember(string Owner, DateTime ExpiresAt);
