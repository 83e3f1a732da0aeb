namespace DurableAgents.TaskHub.Storage;

/// <summary>
/// The lease on one partition of a shared task hub: which engine owns the partition's instances, until when, and the
/// fencing epoch that every commit of the owner carries.
/// </summary>
/// <param name="Partition">The partition number, from 0 to <see cref="ITaskHubPartitionedStore.PartitionCount"/> - 1.</param>
/// <param name="Owner">The owning engine's id; null when the partition was never claimed or was released.</param>
/// <param name="Epoch">
/// Grows by one with every claim. A commit fenced with an older epoch is refused, so an owner that lost the partition
/// (paused, partitioned from the network, or slow to notice its lease expired) cannot write after the next owner took over.
/// </param>
/// <param name="ExpiresAt">When the lease lapses unless renewed (UTC, by the clock of the engine that wrote it).</param>
public sealed record PartitionLease(int Partition, string? Owner, long Epoch, DateTime ExpiresAt);
