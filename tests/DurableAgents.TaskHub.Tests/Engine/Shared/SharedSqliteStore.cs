using DurableAgents.History;
using DurableAgents.Storage.Sqlite;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.TaskHub.Tests.Engine.Shared;

/// <summary>
/// A small stand-in for a shared store: one real SQLite store holds the rows, and partition leases and heartbeats live in
/// memory. Each engine gets its own <see cref="View"/>; a fenced request is checked against the lease table and committed
/// under one lock, so a claim can never slip between the check and the write.
/// </summary>
internal sealed class SharedSqliteStore : IAsyncDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly SqliteTaskHubStore _inner;
    private readonly PartitionLease[] _leases;
    private readonly Dictionary<string, DateTime> _members = new(StringComparer.Ordinal);
    private int _fenced;
    private int _laggingListings;
    private bool _initialized;

    public SharedSqliteStore(string databasePath, int partitionCount)
    {
        _inner = new SqliteTaskHubStore(new SqliteTaskHubStoreOptions { DataSource = databasePath, Synchronous = SqliteSynchronousMode.Normal });
        PartitionCount = partitionCount;
        _leases = Enumerable.Range(0, partitionCount).Select(p => new PartitionLease(p, null, 0, DateTime.MinValue)).ToArray();
    }

    public int PartitionCount { get; }

    /// <summary>Requests refused because their fence no longer matched the lease.</summary>
    public int FencedRequests => Volatile.Read(ref _fenced);

    /// <summary>
    /// Messages a lagging index still lists though they are gone (consumed by a previous owner): every partition inbox read
    /// lists them, and a partition load, which reads consistently, reports them in <see cref="RecoveryState.GoneMessageIds"/>.
    /// </summary>
    public IReadOnlyList<InboxMessage> LaggingInbox { get; set; } = [];

    /// <summary>How many partition inbox reads listed a <see cref="LaggingInbox"/> message.</summary>
    public int LaggingListings => Volatile.Read(ref _laggingListings);

    public ITaskHubPartitionedStore View() => new StoreView(this);

    public async ValueTask DisposeAsync() => await _inner.DisposeAsync();

    private async Task<T> LockedAsync<T>(Func<Task<T>> action)
    {
        await _lock.WaitAsync();
        try
        {
            return await action();
        }
        finally
        {
            _lock.Release();
        }
    }

    private sealed class StoreView(SharedSqliteStore shared) : ITaskHubPartitionedStore
    {
        public int PartitionCount => shared.PartitionCount;

        public Task InitializeAsync(CancellationToken cancellation) => shared.LockedAsync(async () =>
        {
            if (!shared._initialized)
            {
                await shared._inner.InitializeAsync(cancellation);
                shared._initialized = true;
            }

            return true;
        });

        public Task<InstanceRecord?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellation) =>
            shared._inner.GetInstanceAsync(instanceId, includePayloads, cancellation);

        public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, string executionId, CancellationToken cancellation) =>
            shared._inner.GetHistoryAsync(instanceId, executionId, cancellation);

        public Task<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellation) => shared._inner.QueryInstancesAsync(query, cancellation);

        public Task<RecoveryState> LoadRecoveryStateAsync(CancellationToken cancellation) => shared._inner.LoadRecoveryStateAsync(cancellation);

        public Task<IReadOnlyList<CommitOutcome>> CommitAsync(IReadOnlyList<CommitRequest> batch, CancellationToken cancellation) => shared.LockedAsync(async () =>
        {
            var outcomes = new CommitOutcome?[batch.Count];
            var admitted = new List<CommitRequest>();
            var positions = new List<int>();
            for (int i = 0; i < batch.Count; i++)
            {
                if (batch[i].Fence is { } fence && !Matches(fence))
                {
                    outcomes[i] = CommitOutcome.Fenced(fence);
                    Interlocked.Increment(ref shared._fenced);
                }
                else
                {
                    admitted.Add(batch[i]);
                    positions.Add(i);
                }
            }

            IReadOnlyList<CommitOutcome> applied = admitted.Count == 0 ? [] : await shared._inner.CommitAsync(admitted, cancellation);
            for (int i = 0; i < applied.Count; i++)
            {
                outcomes[positions[i]] = applied[i];
            }

            return (IReadOnlyList<CommitOutcome>)outcomes.Select(o => o!).ToArray();
        });

        public Task<PartitionTable> ReadPartitionTableAsync(CancellationToken cancellation) => shared.LockedAsync(() =>
            Task.FromResult(new PartitionTable(
                shared._leases.ToArray(),
                shared._members.Select(m => new PartitionMember(m.Key, m.Value)).ToArray())));

        public Task HeartbeatAsync(string owner, DateTime expiresAt, CancellationToken cancellation) => shared.LockedAsync(() =>
        {
            shared._members[owner] = expiresAt;
            return Task.FromResult(true);
        });

        public Task LeaveAsync(string owner, CancellationToken cancellation) => shared.LockedAsync(() => Task.FromResult(shared._members.Remove(owner)));

        public Task<bool> ForgetAsync(PartitionMember expired, CancellationToken cancellation) => shared.LockedAsync(() => Task.FromResult(
            shared._members.TryGetValue(expired.Owner, out DateTime expiresAt) && expiresAt == expired.ExpiresAt && shared._members.Remove(expired.Owner)));

        public Task<PartitionLease?> TryClaimAsync(PartitionLease current, string owner, DateTime expiresAt, CancellationToken cancellation) =>
            shared.LockedAsync(() =>
            {
                PartitionLease now = shared._leases[current.Partition];
                if (now.Owner != current.Owner || now.Epoch != current.Epoch)
                {
                    return Task.FromResult<PartitionLease?>(null);
                }

                var claimed = new PartitionLease(current.Partition, owner, current.Epoch + 1, expiresAt);
                shared._leases[current.Partition] = claimed;
                return Task.FromResult<PartitionLease?>(claimed);
            });

        public Task<PartitionLease?> TryRenewAsync(PartitionLease held, DateTime expiresAt, CancellationToken cancellation) => shared.LockedAsync(() =>
        {
            if (!Matches(held))
            {
                return Task.FromResult<PartitionLease?>(null);
            }

            PartitionLease renewed = held with { ExpiresAt = expiresAt };
            shared._leases[held.Partition] = renewed;
            return Task.FromResult<PartitionLease?>(renewed);
        });

        public Task ReleaseAsync(PartitionLease held, CancellationToken cancellation) => shared.LockedAsync(() =>
        {
            if (Matches(held))
            {
                shared._leases[held.Partition] = held with { Owner = null };
            }

            return Task.FromResult(true);
        });

        public async Task<RecoveryState> LoadPartitionAsync(int partition, CancellationToken cancellation)
        {
            RecoveryState all = await shared._inner.LoadRecoveryStateAsync(cancellation);
            return new RecoveryState(
                all.ActiveInstances.Where(r => In(r.InstanceId, partition)).ToArray(),
                all.Inbox.Where(m => In(m.InstanceId, partition)).ToArray(),
                all.Activities.Where(a => In(a.InstanceId, partition)).ToArray(),
                shared.LaggingInbox.Where(m => In(m.InstanceId, partition)).Select(m => m.MessageId).ToArray());
        }

        public async Task<IReadOnlyList<InboxMessage>> ReadPartitionInboxAsync(int partition, CancellationToken cancellation)
        {
            RecoveryState all = await shared._inner.LoadRecoveryStateAsync(cancellation);
            InboxMessage[] lagging = [.. shared.LaggingInbox.Where(m => In(m.InstanceId, partition))];
            if (lagging.Length > 0)
            {
                Interlocked.Increment(ref shared._laggingListings);
            }

            return all.Inbox.Where(m => In(m.InstanceId, partition)).Concat(lagging).OrderBy(m => m.MessageId).ToArray();
        }

        /// <summary>The shared store's rows outlive each engine; the test disposes the shared store itself.</summary>
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;

        private bool In(string instanceId, int partition) => TaskHubPartitions.Of(instanceId, shared.PartitionCount) == partition;

        /// <summary>Under the lock: the partition's lease is still exactly this one.</summary>
        private bool Matches(PartitionLease lease)
        {
            PartitionLease current = shared._leases[lease.Partition];
            return current.Owner == lease.Owner && current.Epoch == lease.Epoch;
        }
    }
}
