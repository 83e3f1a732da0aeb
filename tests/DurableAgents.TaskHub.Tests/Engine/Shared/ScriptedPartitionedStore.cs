using DurableAgents.History;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.TaskHub.Tests.Engine.Shared;

/// <summary>
/// Passes every call to a shared store, with hooks a test sets to make partition loads slow or the partition table
/// unreadable, which the real stores only do under faults.
/// </summary>
internal sealed class ScriptedPartitionedStore(ITaskHubPartitionedStore inner) : ITaskHubPartitionedStore
{
    private int _failTableReads;
    private int _loads;

    /// <summary>Runs after a partition's rows are read and before the load returns them (the partition and the store).</summary>
    public Func<int, ITaskHubPartitionedStore, Task>? AfterLoad { get; set; }

    /// <summary>Loads that returned so far.</summary>
    public int Loads => Volatile.Read(ref _loads);

    public int PartitionCount => inner.PartitionCount;

    /// <summary>The next <paramref name="count"/> partition table reads throw.</summary>
    public void FailTableReads(int count) => Volatile.Write(ref _failTableReads, count);

    public Task InitializeAsync(CancellationToken cancellation) => inner.InitializeAsync(cancellation);

    public Task<InstanceRecord?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellation) =>
        inner.GetInstanceAsync(instanceId, includePayloads, cancellation);

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, string executionId, CancellationToken cancellation) =>
        inner.GetHistoryAsync(instanceId, executionId, cancellation);

    public Task<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellation) => inner.QueryInstancesAsync(query, cancellation);

    public Task<RecoveryState> LoadRecoveryStateAsync(CancellationToken cancellation) => inner.LoadRecoveryStateAsync(cancellation);

    public Task<IReadOnlyList<CommitOutcome>> CommitAsync(IReadOnlyList<CommitRequest> batch, CancellationToken cancellation) =>
        inner.CommitAsync(batch, cancellation);

    public Task<PartitionTable> ReadPartitionTableAsync(CancellationToken cancellation)
    {
        if (Interlocked.Decrement(ref _failTableReads) >= 0)
        {
            throw new IOException("The partition table could not be read (scripted failure).");
        }

        return inner.ReadPartitionTableAsync(cancellation);
    }

    public Task HeartbeatAsync(string owner, DateTime expiresAt, CancellationToken cancellation) => inner.HeartbeatAsync(owner, expiresAt, cancellation);

    public Task LeaveAsync(string owner, CancellationToken cancellation) => inner.LeaveAsync(owner, cancellation);

    public Task<bool> ForgetAsync(PartitionMember expired, CancellationToken cancellation) => inner.ForgetAsync(expired, cancellation);

    public Task<PartitionLease?> TryClaimAsync(PartitionLease current, string owner, DateTime expiresAt, CancellationToken cancellation) =>
        inner.TryClaimAsync(current, owner, expiresAt, cancellation);

    public Task<PartitionLease?> TryRenewAsync(PartitionLease held, DateTime expiresAt, CancellationToken cancellation) =>
        inner.TryRenewAsync(held, expiresAt, cancellation);

    public Task ReleaseAsync(PartitionLease held, CancellationToken cancellation) => inner.ReleaseAsync(held, cancellation);

    public async Task<RecoveryState> LoadPartitionAsync(int partition, CancellationToken cancellation)
    {
        RecoveryState loaded = await inner.LoadPartitionAsync(partition, cancellation);
        if (AfterLoad is { } hook)
        {
            await hook(partition, inner);
        }

        Interlocked.Increment(ref _loads);
        return loaded;
    }

    public Task<IReadOnlyList<InboxMessage>> ReadPartitionInboxAsync(int partition, CancellationToken cancellation) =>
        inner.ReadPartitionInboxAsync(partition, cancellation);

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
