using DurableAgents.History;

namespace DurableAgents.TaskHub.Storage;

/// <summary>
/// A store that several engines (sidecars) share. Instances are spread over a fixed number of partitions
/// (<see cref="TaskHubPartitions.Of"/>); each partition is owned by one engine at a time through a
/// <see cref="PartitionLease"/> with an expiry and a fencing epoch.
/// </summary>
/// <remarks>
/// <para>
/// The owner of a partition is the only engine that runs its instances: it loads the partition
/// (<see cref="LoadPartitionAsync"/>), dispatches its episodes, activities and timers, and fences every commit it makes
/// as owner with its lease (<see cref="CommitRequest.Fence"/>). Any engine may write what a client asks for (a start, a
/// raised event, a control message, a purge) into any partition: those writes are conditional on the instance rows,
/// not on ownership, and the owner learns of new messages by reading its partitions' inboxes
/// (<see cref="ReadPartitionInboxAsync"/>).
/// </para>
/// <para>
/// Every method here reads or writes consistently, except where its remarks say otherwise.
/// </para>
/// </remarks>
public interface ITaskHubPartitionedStore : ITaskHubStore
{
    /// <summary>The hub's number of partitions; fixed when the hub is created, valid after <see cref="ITaskHubStore.InitializeAsync"/>.</summary>
    int PartitionCount { get; }

    /// <summary>Reads every partition's lease and every member's heartbeat.</summary>
    Task<PartitionTable> ReadPartitionTableAsync(CancellationToken cancellation);

    /// <summary>Records that <paramref name="owner"/> takes part in the hub until <paramref name="expiresAt"/> (creates or replaces its heartbeat).</summary>
    Task HeartbeatAsync(string owner, DateTime expiresAt, CancellationToken cancellation);

    /// <summary>Removes <paramref name="owner"/>'s heartbeat (a clean shutdown), so the others rebalance at once.</summary>
    Task LeaveAsync(string owner, CancellationToken cancellation);

    /// <summary>
    /// Removes the heartbeat of a member that stopped without leaving (a crash), when it is still exactly
    /// <paramref name="expired"/> (same expiry); does nothing when the member wrote a new one meanwhile.
    /// </summary>
    /// <returns>Whether the heartbeat was removed (false: renewed or already gone).</returns>
    Task<bool> ForgetAsync(PartitionMember expired, CancellationToken cancellation);

    /// <summary>
    /// Claims a partition when its lease is still exactly <paramref name="current"/> (same owner and epoch; a never-claimed
    /// partition is claimed from the entry <see cref="ReadPartitionTableAsync"/> returned for it). The new lease has
    /// <paramref name="owner"/>, epoch <c>current.Epoch + 1</c> and <paramref name="expiresAt"/>.
    /// </summary>
    /// <returns>The new lease, or null when another engine changed the lease since it was read.</returns>
    Task<PartitionLease?> TryClaimAsync(PartitionLease current, string owner, DateTime expiresAt, CancellationToken cancellation);

    /// <summary>Extends a held lease (same owner and epoch) to <paramref name="expiresAt"/>.</summary>
    /// <returns>The renewed lease, or null when the lease is no longer <paramref name="held"/> (lost).</returns>
    Task<PartitionLease?> TryRenewAsync(PartitionLease held, DateTime expiresAt, CancellationToken cancellation);

    /// <summary>
    /// Gives a held lease up: when it is still <paramref name="held"/>, its owner becomes null (the epoch stays), so another
    /// engine can claim it at once. Does nothing when the lease changed meanwhile.
    /// </summary>
    Task ReleaseAsync(PartitionLease held, CancellationToken cancellation);

    /// <summary>
    /// <see cref="ITaskHubStore.LoadRecoveryStateAsync"/> for one partition: its non-terminal instances, every inbox
    /// message addressed to an instance of the partition and every activity row of its instances.
    /// </summary>
    Task<RecoveryState> LoadPartitionAsync(int partition, CancellationToken cancellation);

    /// <summary>
    /// Every inbox message addressed to an instance of the partition (future ones included), ordered by message id;
    /// the owner reads it to find messages other engines wrote. May lag the latest writes by a moment (an index read),
    /// so a message the owner just consumed can still be listed: the caller must tell those apart.
    /// </summary>
    Task<IReadOnlyList<InboxMessage>> ReadPartitionInboxAsync(int partition, CancellationToken cancellation);
}
