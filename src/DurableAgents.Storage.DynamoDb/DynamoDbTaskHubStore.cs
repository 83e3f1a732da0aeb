using System.ComponentModel.DataAnnotations;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using DurableAgents.History;
using DurableAgents.Storage.DynamoDb.Items;
using DurableAgents.Storage.DynamoDb.Leasing;
using DurableAgents.Storage.DynamoDb.Reading;
using DurableAgents.Storage.DynamoDb.Schema;
using DurableAgents.Storage.DynamoDb.Writing;
using DurableAgents.TaskHub.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DurableAgents.Storage.DynamoDb;

/// <summary>
/// The task hub in one DynamoDB table: each commit request is one conditional <c>TransactWriteItems</c> call (see README).
/// Several engines can share the table: its instances are spread over <see cref="PartitionCount"/> partitions, each owned
/// through a lease item, and an owner's commits are fenced with its lease.
/// </summary>
public sealed class DynamoDbTaskHubStore : ITaskHubPartitionedStore
{
    /// <summary>Groups of a batch's requests written at the same time at most (see <see cref="CommitGroups"/>).</summary>
    private const int MaxConcurrentGroups = 16;

    private readonly DynamoDbTaskHubStoreOptions _options;
    private readonly IAmazonDynamoDB _client;
    private readonly bool _ownsClient;
    private readonly TableAccess _table;

    /// <summary>Tests only: the table access, whose Work index reads a test can make lag.</summary>
    internal TableAccess Table => _table;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _initializeLock = new(1, 1);
    private bool _initialized;
    private bool _disposed;
    private int _partitionCount;
    private PartitionLeases? _leases;

    // Split commits that stopped part-way in this process: settled by key before the next commit (see README), because
    // the next write of the instance row replaces the token that decides them. Commits and partition loads run
    // concurrently, so the list is only touched under _unsettledLock, which a settler holds across its awaits: each entry
    // is settled by one caller, and a caller does not pass while an entry is still being settled.
    private readonly List<PendingSplit> _unsettled = [];
    private readonly SemaphoreSlim _unsettledLock = new(1, 1);

    /// <summary>Creates a store whose client is built from <paramref name="options"/> (region, endpoint override, AWS default credentials).</summary>
    /// <exception cref="ValidationException">An option is invalid.</exception>
    public DynamoDbTaskHubStore(DynamoDbTaskHubStoreOptions options, ILogger<DynamoDbTaskHubStore>? logger = null)
        : this(options, DynamoDbClientFactory.Create(Validated(options)), ownsClient: true, logger)
    {
    }

    /// <summary>Creates a store over a client the caller configured (and disposes).</summary>
    public DynamoDbTaskHubStore(DynamoDbTaskHubStoreOptions options, IAmazonDynamoDB client, ILogger<DynamoDbTaskHubStore>? logger = null)
        : this(Validated(options), client, ownsClient: false, logger)
    {
    }

    private DynamoDbTaskHubStore(DynamoDbTaskHubStoreOptions options, IAmazonDynamoDB client, bool ownsClient, ILogger<DynamoDbTaskHubStore>? logger)
    {
        ArgumentNullException.ThrowIfNull(client);
        _options = options;
        _client = client;
        _ownsClient = ownsClient;
        _logger = logger ?? NullLogger<DynamoDbTaskHubStore>.Instance;
        _table = new TableAccess(client, options.TableName, Usage);
    }

    /// <summary>The table the store reads and writes.</summary>
    public string TableName => _options.TableName;

    /// <summary>Test hook: runs between the parts of a split commit, to simulate a crash there.</summary>
    internal SplitCommit.FaultPoint? SplitCommitFault { get; set; }

    /// <summary>Test hook: runs with the instance id before an unsettled split commit of this process is settled.</summary>
    internal SplitCommit.FaultPoint? SettlingSplit { get; set; }

    /// <summary>Requests made and capacity consumed so far.</summary>
    public DynamoDbUsage Usage { get; } = new();

    /// <inheritdoc/>
    /// <remarks>The table's count, stored when the table was first initialised (see <see cref="DynamoDbTaskHubStoreOptions.PartitionCount"/>).</remarks>
    public int PartitionCount
    {
        get
        {
            EnsureOpen();
            return _partitionCount;
        }
    }

    private PartitionLeases Leases
    {
        get
        {
            EnsureOpen();
            return _leases!;
        }
    }

    /// <inheritdoc/>
    public async Task InitializeAsync(CancellationToken cancellation)
    {
        await _initializeLock.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_initialized)
            {
                return;
            }

            await TableSchema.EnsureAsync(_client, TableName, _options.CreateTable, cancellation).ConfigureAwait(false);
            _partitionCount = await HubMetadata.ResolvePartitionCountAsync(_table, _options.PartitionCount, cancellation).ConfigureAwait(false);
            _leases = new PartitionLeases(_table, _partitionCount);
            string endpoint = _options.ServiceUrl?.ToString() ?? _options.Region ?? "the default region";
            Logs.StoreOpened(_logger, TableName, endpoint);
            _initialized = true;
        }
        finally
        {
            _initializeLock.Release();
        }
    }

    /// <inheritdoc/>
    public async Task<InstanceRecord?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        EnsureOpen();
        Dictionary<string, AttributeValue>? item = await _table.GetInstanceItemAsync(instanceId, cancellation).ConfigureAwait(false);
        if (item is null)
        {
            return null;
        }

        await _table.WithValuesAsync([includePayloads ? item : InstanceItems.WithoutPayloads(item)], cancellation).ConfigureAwait(false);
        return InstanceItems.FromItem(item);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// For the instance's current execution only the first <see cref="InstanceRecord.HistoryLength"/> rows count: rows past
    /// it were written ahead by a split commit whose final transaction has not (or never) applied (see README).
    /// </remarks>
    public async Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, string executionId, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentNullException.ThrowIfNull(executionId);
        EnsureOpen();
        Dictionary<string, AttributeValue>? row = await _table.GetInstanceItemAsync(instanceId, cancellation).ConfigureAwait(false);
        int limit = row is not null && AttributeValues.GetString(row, InstanceItems.ExecutionId) == executionId
            ? (int)AttributeValues.GetLong(row, InstanceItems.HistoryLength)
            : int.MaxValue;
        var rows = new List<Dictionary<string, AttributeValue>>();
        await foreach (Dictionary<string, AttributeValue> item in _table.PartitionItemsAsync(instanceId, ItemNames.HistoryExecutionPrefix(executionId), cancellation).ConfigureAwait(false))
        {
            if (AttributeValues.GetString(item, HistoryItems.ExecutionId) == executionId &&
                AttributeValues.GetLong(item, HistoryItems.Sequence) < limit)
            {
                rows.Add(item);
            }
        }

        return [.. (await _table.WithValuesAsync(rows, cancellation).ConfigureAwait(false)).Select(HistoryItems.ReadEvent)];
    }

    /// <inheritdoc/>
    public Task<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? after = InstancePager.Validate(query);
        EnsureOpen();
        return InstancePager.ReadPageAsync(_table, query, after, cancellation);
    }

    /// <inheritdoc/>
    /// <remarks>Also settles what split commits interrupted by a crash left behind (see README "Split commits").</remarks>
    public async Task<RecoveryState> LoadRecoveryStateAsync(CancellationToken cancellation)
    {
        EnsureOpen();
        await SettleUnsettledAsync(cancellation).ConfigureAwait(false);
        return await new RecoveryReader(_table, _partitionCount).ReadAllAsync(cancellation).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public Task<PartitionTable> ReadPartitionTableAsync(CancellationToken cancellation) => Leases.ReadAsync(cancellation);

    /// <inheritdoc/>
    public Task HeartbeatAsync(string owner, DateTime expiresAt, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        return Leases.HeartbeatAsync(owner, expiresAt, cancellation);
    }

    /// <inheritdoc/>
    public Task LeaveAsync(string owner, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        return Leases.LeaveAsync(owner, cancellation);
    }

    /// <inheritdoc/>
    /// <remarks>One <c>DeleteItem</c> of the heartbeat item, conditional on its expiry.</remarks>
    public Task<bool> ForgetAsync(PartitionMember expired, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(expired);
        return Leases.ForgetAsync(expired, cancellation);
    }

    /// <inheritdoc/>
    /// <remarks>One conditional <c>PutItem</c> of the lease item: the lease must still have <paramref name="current"/>'s owner and epoch.</remarks>
    public Task<PartitionLease?> TryClaimAsync(PartitionLease current, string owner, DateTime expiresAt, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        return Leases.TryClaimAsync(current, owner, expiresAt, cancellation);
    }

    /// <inheritdoc/>
    /// <remarks>One conditional <c>UpdateItem</c> of the lease item's expiry.</remarks>
    public Task<PartitionLease?> TryRenewAsync(PartitionLease held, DateTime expiresAt, CancellationToken cancellation) =>
        Leases.TryRenewAsync(held, expiresAt, cancellation);

    /// <inheritdoc/>
    /// <remarks>The lease item keeps its epoch, loses its owner, and its expiry becomes <see cref="DateTime.MinValue"/>.</remarks>
    public Task ReleaseAsync(PartitionLease held, CancellationToken cancellation) => Leases.ReleaseAsync(held, cancellation);

    /// <inheritdoc/>
    /// <remarks>
    /// Three queries of the Work index (eventually consistent) say where to look; what is returned is read consistently:
    /// each listed instance row and inbox message by BatchGetItem (messages found gone are reported in
    /// <see cref="RecoveryState.GoneMessageIds"/>), each instance's activities by a query of its own key range (see README
    /// "Consistency of each read"). Also settles what split commits of the partition's instances left behind, as
    /// <see cref="LoadRecoveryStateAsync"/> does for the whole hub.
    /// </remarks>
    public async Task<RecoveryState> LoadPartitionAsync(int partition, CancellationToken cancellation)
    {
        Leases.CheckPartition(partition, nameof(partition));
        await SettleUnsettledAsync(cancellation).ConfigureAwait(false);
        return await new RecoveryReader(_table, _partitionCount).ReadPartitionConsistentlyAsync(partition, SplitSettling.DecidedInPartition, cancellation).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>One query of the Work index (eventually consistent); it writes nothing.</remarks>
    public Task<IReadOnlyList<InboxMessage>> ReadPartitionInboxAsync(int partition, CancellationToken cancellation)
    {
        Leases.CheckPartition(partition, nameof(partition));
        return new RecoveryReader(_table, _partitionCount).ReadInboxAsync(partition, SplitSettling.None, cancellation);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// A request DynamoDB can never take (an item over 400 KB, or over a transaction's limits without being splittable, see
    /// README) is <see cref="CommitOutcome.Refused"/> with a message naming the item or the counts; nothing of it is
    /// written and the other requests of the batch are.
    /// </remarks>
    public async Task<IReadOnlyList<CommitOutcome>> CommitAsync(IReadOnlyList<CommitRequest> batch, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(batch);
        EnsureOpen();
        if (batch.Count == 0)
        {
            return [];
        }

        // Every request is built and checked against DynamoDB's limits before the first write, so a request that can never
        // be written is refused with nothing of it written, whatever the other requests do.
        RequestTransaction[] transactions = [.. batch.Select(request => RequestTransaction.Build(request, TableName, _partitionCount))];
        await SettleUnsettledAsync(cancellation).ConfigureAwait(false);

        // Requests that share an item are written one after another in list order, so a later one sees an earlier one's
        // writes as the contract says; groups that share none are written at the same time (each request costs at least
        // one round trip, which would otherwise bound a sidecar's commits per second).
        var outcomes = new CommitOutcome[batch.Count];
        using var slots = new SemaphoreSlim(MaxConcurrentGroups);
        await Task.WhenAll(CommitGroups.Of(transactions).Select(async group =>
        {
            await slots.WaitAsync(cancellation).ConfigureAwait(false);
            try
            {
                for (int k = 0; k < group.Count;)
                {
                    if (MergedTransaction.TryTake(transactions, group, k) is { } merged)
                    {
                        IReadOnlyList<CommitOutcome> results = await CommitMergedAsync(merged, cancellation).ConfigureAwait(false);
                        for (int r = 0; r < results.Count; r++)
                        {
                            outcomes[group[k + r]] = results[r];
                        }

                        k += results.Count;
                        continue;
                    }

                    int i = group[k++];
                    outcomes[i] = transactions[i].Refusal is { } refusal
                        ? CommitOutcome.Refused(refusal)
                        : await CommitOneAsync(transactions[i], cancellation).ConfigureAwait(false);
                }
            }
            finally
            {
                slots.Release();
            }
        })).ConfigureAwait(false);

        return outcomes;
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _initializeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_ownsClient)
            {
                _client.Dispose();
            }
        }
        finally
        {
            _initializeLock.Release();
        }
    }

    private async Task<CommitOutcome> CommitOneAsync(RequestTransaction transaction, CancellationToken cancellation)
    {
        CommitRequest request = transaction.Request;
        if (request.Purges.Count > 0)
        {
            // A purge deletes an unbounded number of items, so they go before the transaction, and only once the fence and
            // the conditions hold (read consistently); the transaction then deletes the row under the same fence and conditions.
            if (request.Fence is { } fence && !LeaseItems.Holds(await _table.GetItemAsync(LeaseItems.LeaseKey(fence.Partition), cancellation).ConfigureAwait(false), fence))
            {
                return CommitOutcome.Fenced(fence);
            }

            InstanceCondition? failed = await FirstFailedConditionAsync(transaction, cancellation).ConfigureAwait(false);
            if (failed is not null)
            {
                return CommitOutcome.ConditionFailed(failed);
            }

            foreach (string instanceId in request.Purges)
            {
                await PurgeChildrenAsync(instanceId, cancellation).ConfigureAwait(false);
            }
        }

        bool anchoredSplit = !transaction.FitsOneTransaction && request.InstanceUpserts.Count > 0;
        if (!anchoredSplit)
        {
            // Values too large for their items go first (an anchored split commit writes them after its checks).
            await _table.PutAllAsync(RequestTransaction.DistinctByKey(transaction.ChunkPuts), cancellation).ConfigureAwait(false);
        }

        if (!transaction.FitsOneTransaction)
        {
            if (!anchoredSplit)
            {
                CommitOutcome outcome = await SplitCommit.RunUnconditionalAsync(_table, transaction, cancellation).ConfigureAwait(false);
                if (!outcome.Committed)
                {
                    return outcome;
                }
            }
            else
            {
                // The callback cannot await the lock, so what it reports is added once the split commit has returned or thrown.
                var interrupted = new List<PendingSplit>(1);
                CommitOutcome outcome;
                try
                {
                    outcome = await SplitCommit.RunAnchoredAsync(
                        _table,
                        transaction,
                        SplitCommitFault,
                        (pending, exception) =>
                        {
                            interrupted.Add(pending);
                            Logs.SplitCommitInterrupted(_logger, exception, pending.InstanceId, TableName);
                        },
                        cancellation).ConfigureAwait(false);
                }
                finally
                {
                    await RememberUnsettledAsync(interrupted).ConfigureAwait(false);
                }

                if (!outcome.Committed)
                {
                    return outcome;
                }
            }
        }
        else if (transaction.Items.Count > 0)
        {
            try
            {
                // A cancellation by conflicts alone (e.g. with the owner's renewal of the lease the fence checks) is retried.
                await TransactionConflicts.TransactWriteAsync(_table, transaction.Items, cancellation).ConfigureAwait(false);
            }
            catch (TransactionCanceledException canceled)
            {
                if (Fenced(transaction, canceled) is { } fenced)
                {
                    return fenced;
                }

                InstanceCondition? failed = FailedCondition(transaction, canceled);
                if (failed is null)
                {
                    throw;
                }

                return CommitOutcome.ConditionFailed(failed);
            }
        }

        foreach (string instanceId in request.HistoryDeletes)
        {
            try
            {
                await DeleteOtherHistoryAsync(instanceId, request, cancellation).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The commit applied: any failure of this clean-up must not report it as failed.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                // The old execution's rows are unreachable (readers ask for the current execution); a purge removes them.
                Logs.HistoryCleanUpFailed(_logger, exception, instanceId, TableName);
            }
        }

        return CommitOutcome.Success;
    }

    /// <summary>
    /// Writes consecutive requests as one transaction. When a condition of one of them fails, nothing was written, and
    /// they are written one by one instead, so each gets its own outcome.
    /// </summary>
    private async Task<IReadOnlyList<CommitOutcome>> CommitMergedAsync(MergedTransaction merged, CancellationToken cancellation)
    {
        await _table.PutAllAsync(RequestTransaction.DistinctByKey(merged.Requests.SelectMany(r => r.ChunkPuts)), cancellation).ConfigureAwait(false);
        try
        {
            await TransactionConflicts.TransactWriteAsync(_table, merged.Items, cancellation).ConfigureAwait(false);
            return [.. merged.Requests.Select(_ => CommitOutcome.Success)];
        }
        catch (TransactionCanceledException canceled) when (canceled.CancellationReasons?.Any(r => r.Code == "ConditionalCheckFailed") == true)
        {
            List<CancellationReason> reasons = canceled.CancellationReasons;
            if (merged.FenceIndex >= 0 && merged.FenceIndex < reasons.Count && reasons[merged.FenceIndex].Code == "ConditionalCheckFailed")
            {
                return [.. merged.Requests.Select(r => CommitOutcome.Fenced(r.Request.Fence!))];
            }
        }

        var outcomes = new List<CommitOutcome>(merged.Requests.Count);
        foreach (RequestTransaction transaction in merged.Requests)
        {
            outcomes.Add(await CommitOneAsync(transaction, cancellation).ConfigureAwait(false));
        }

        return outcomes;
    }

    /// <summary>Finishes or undoes, by key, each split commit of this process that stopped part-way.</summary>
    private async Task SettleUnsettledAsync(CancellationToken cancellation)
    {
        await _unsettledLock.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            while (_unsettled.Count > 0)
            {
                PendingSplit pending = _unsettled[0];
                if (SettlingSplit is { } hook)
                {
                    await hook(pending.InstanceId).ConfigureAwait(false);
                }

                await SplitCommit.SettleAsync(_table, pending, cancellation).ConfigureAwait(false);
                _unsettled.RemoveAt(_unsettled.FindIndex(entry => ReferenceEquals(entry, pending)));
            }
        }
        finally
        {
            _unsettledLock.Release();
        }
    }

    /// <summary>Keeps split commits that stopped part-way for <see cref="SettleUnsettledAsync"/>.</summary>
    private async Task RememberUnsettledAsync(List<PendingSplit> interrupted)
    {
        if (interrupted.Count == 0)
        {
            return;
        }

        // Not cancellable: a split that is forgotten is never settled by this process (only by a later partition load).
        await _unsettledLock.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            _unsettled.AddRange(interrupted);
        }
        finally
        {
            _unsettledLock.Release();
        }
    }

    /// <summary>Fenced, when the check on the partition's lease is one that cancelled the transaction (reasons come one per item, in order).</summary>
    private static CommitOutcome? Fenced(RequestTransaction transaction, TransactionCanceledException canceled) =>
        transaction.FenceIndex >= 0 && canceled.CancellationReasons is { } reasons && transaction.FenceIndex < reasons.Count &&
        reasons[transaction.FenceIndex].Code == "ConditionalCheckFailed"
            ? CommitOutcome.Fenced(transaction.Request.Fence!)
            : null;

    private static InstanceCondition? FailedCondition(RequestTransaction transaction, TransactionCanceledException canceled)
    {
        List<CancellationReason> reasons = canceled.CancellationReasons ?? [];
        for (int i = 0; i < reasons.Count && i < transaction.Items.Count; i++)
        {
            if (reasons[i].Code == "ConditionalCheckFailed" && transaction.ConditionedInstanceAt(i) is { } instanceId)
            {
                IReadOnlyList<InstanceCondition> conditions = transaction.ConditionsByInstance[instanceId];
                return ConditionExpressions.FirstFailed(conditions, reasons[i].Item) ?? conditions[0];
            }
        }

        return null;
    }

    private async Task<InstanceCondition?> FirstFailedConditionAsync(RequestTransaction transaction, CancellationToken cancellation)
    {
        foreach ((string instanceId, IReadOnlyList<InstanceCondition> conditions) in transaction.ConditionsByInstance)
        {
            Dictionary<string, AttributeValue>? row = await _table.GetInstanceItemAsync(instanceId, cancellation).ConfigureAwait(false);
            if (ConditionExpressions.FirstFailed(conditions, row) is { } failed)
            {
                return failed;
            }
        }

        return null;
    }

    /// <summary>Deletes the instance's history, activities and inbox messages (not its row, which the transaction deletes).</summary>
    private async Task PurgeChildrenAsync(string instanceId, CancellationToken cancellation)
    {
        var keys = new List<Dictionary<string, AttributeValue>>();
        await foreach (Dictionary<string, AttributeValue> item in _table.PartitionItemsAsync(instanceId, null, cancellation).ConfigureAwait(false))
        {
            if (item[ItemNames.SortKey].S != ItemNames.InstanceSort)
            {
                keys.Add(TableAccess.KeyOf(item));
            }
        }

        string inbox = ItemNames.InboxWorkKey(TaskHubPartitions.Of(instanceId, _partitionCount));
        await foreach (Dictionary<string, AttributeValue> item in _table.WorkItemsAsync(inbox, instanceId, cancellation).ConfigureAwait(false))
        {
            keys.Add(TableAccess.KeyOf(item));
        }

        await _table.DeleteAllAsync(keys, cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// After a commit with a history delete: removes the instance's history rows except those the same request appended,
    /// which leaves what the SQL order "delete, then append" leaves.
    /// </summary>
    private async Task DeleteOtherHistoryAsync(string instanceId, CommitRequest request, CancellationToken cancellation)
    {
        var keep = new HashSet<string>(StringComparer.Ordinal);
        foreach (HistoryAppend append in request.HistoryAppends.Where(a => a.InstanceId == instanceId))
        {
            for (int i = 0; i < append.Events.Count; i++)
            {
                keep.Add(ItemNames.HistorySort(append.ExecutionId, append.FirstSequence + i));
            }
        }

        var keys = new List<Dictionary<string, AttributeValue>>();
        await foreach (Dictionary<string, AttributeValue> item in HistoryItemsAsync(instanceId, cancellation).ConfigureAwait(false))
        {
            if (!keep.Contains(item[ItemNames.SortKey].S))
            {
                keys.Add(TableAccess.KeyOf(item));
            }
        }

        await _table.DeleteAllAsync(keys, cancellation).ConfigureAwait(false);
    }

    private IAsyncEnumerable<Dictionary<string, AttributeValue>> HistoryItemsAsync(string instanceId, CancellationToken cancellation) =>
        _table.PartitionItemsAsync(instanceId, ItemNames.HistorySortPrefix, cancellation);

    private void EnsureOpen()
    {
        if (_disposed)
        {
            throw new InvalidOperationException($"The DynamoDB task hub store on table '{TableName}' has been disposed.");
        }

        if (!_initialized)
        {
            throw new InvalidOperationException($"The DynamoDB task hub store on table '{TableName}' is not open; call InitializeAsync first.");
        }
    }

    private static DynamoDbTaskHubStoreOptions Validated(DynamoDbTaskHubStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        return options;
    }
}
