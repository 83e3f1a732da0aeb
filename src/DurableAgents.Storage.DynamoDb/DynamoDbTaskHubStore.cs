using System.ComponentModel.DataAnnotations;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using DurableAgents.History;
using DurableAgents.Storage.DynamoDb.Items;
using DurableAgents.Storage.DynamoDb.Reading;
using DurableAgents.Storage.DynamoDb.Schema;
using DurableAgents.Storage.DynamoDb.Writing;
using DurableAgents.TaskHub.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DurableAgents.Storage.DynamoDb;

/// <summary>
/// The task hub in one DynamoDB table: each commit request is one conditional <c>TransactWriteItems</c> call (see README).
/// </summary>
public sealed class DynamoDbTaskHubStore : ITaskHubStore
{
    private readonly DynamoDbTaskHubStoreOptions _options;
    private readonly IAmazonDynamoDB _client;
    private readonly bool _ownsClient;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _initializeLock = new(1, 1);
    private bool _initialized;
    private bool _disposed;

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
    }

    /// <summary>The table the store reads and writes.</summary>
    public string TableName => _options.TableName;

    /// <summary>Requests made and capacity consumed so far.</summary>
    public DynamoDbUsage Usage { get; } = new();

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
            if (_logger.IsEnabled(LogLevel.Information))
            {
                _logger.LogInformation("DynamoDB task hub store opened on table {Table} at {Endpoint}", TableName,
                    _options.ServiceUrl?.ToString() ?? _options.Region ?? "the default region");
            }
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
        Dictionary<string, AttributeValue>? item = await GetInstanceItemAsync(instanceId, cancellation).ConfigureAwait(false);
        if (item is null)
        {
            return null;
        }

        InstanceRecord record = InstanceItems.FromItem(item);
        return includePayloads ? record : record with { Input = null, Output = null, CustomStatus = null };
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, string executionId, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentNullException.ThrowIfNull(executionId);
        EnsureOpen();
        var events = new List<HistoryEvent>();
        await foreach (Dictionary<string, AttributeValue> item in HistoryItemsAsync(instanceId, cancellation).ConfigureAwait(false))
        {
            if (AttributeValues.GetString(item, HistoryItems.ExecutionId) == executionId)
            {
                events.Add(HistoryItems.ReadEvent(item));
            }
        }

        return events;
    }

    /// <inheritdoc/>
    public Task<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? after = InstancePager.Validate(query);
        EnsureOpen();
        return InstancePager.ReadPageAsync(_client, TableName, Usage, query, after, cancellation);
    }

    /// <inheritdoc/>
    public async Task<RecoveryState> LoadRecoveryStateAsync(CancellationToken cancellation)
    {
        EnsureOpen();
        var instances = new List<InstanceRecord>();
        await foreach (Dictionary<string, AttributeValue> item in WorkItemsAsync(ItemNames.ActiveWork, null, cancellation).ConfigureAwait(false))
        {
            instances.Add(InstanceItems.FromItem(item));
        }

        var inbox = new List<InboxMessage>();
        await foreach (Dictionary<string, AttributeValue> item in WorkItemsAsync(ItemNames.InboxWork, null, cancellation).ConfigureAwait(false))
        {
            inbox.Add(InboxItems.FromItem(item));
        }

        var activities = new List<ActivityTask>();
        await foreach (Dictionary<string, AttributeValue> item in WorkItemsAsync(ItemNames.ActivityWork, null, cancellation).ConfigureAwait(false))
        {
            activities.Add(ActivityItems.FromItem(item));
        }

        return new RecoveryState(instances, inbox, activities);
    }

    /// <inheritdoc/>
    /// <exception cref="DynamoDbCommitTooLargeException">A request does not fit one DynamoDB transaction; nothing of the batch was written.</exception>
    public async Task<IReadOnlyList<CommitOutcome>> CommitAsync(IReadOnlyList<CommitRequest> batch, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(batch);
        EnsureOpen();
        if (batch.Count == 0)
        {
            return [];
        }

        // Every request is built and checked against DynamoDB's limits before the first write, so a request that cannot
        // be written fails the batch with nothing written.
        RequestTransaction[] transactions = [.. batch.Select(request => RequestTransaction.Build(request, TableName))];
        var outcomes = new CommitOutcome[batch.Count];
        for (int i = 0; i < transactions.Length; i++)
        {
            // In list order: a later request sees the writes of an earlier one, as the contract says.
            outcomes[i] = await CommitOneAsync(transactions[i], cancellation).ConfigureAwait(false);
        }

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
            // A purge deletes an unbounded number of items, so they go before the transaction, and only once the conditions
            // hold (read consistently); the transaction then deletes the instance row under the same conditions.
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

        if (transaction.Items.Count > 0)
        {
            try
            {
                TransactWriteItemsResponse response = await _client.TransactWriteItemsAsync(
                    new TransactWriteItemsRequest
                    {
                        TransactItems = [.. transaction.Items],
                        // The SDK resends a request that timed out with the same token, and DynamoDB applies a token once
                        // (within 10 minutes): a retry cannot apply an episode twice.
                        ClientRequestToken = Guid.NewGuid().ToString("N"),
                        ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
                    },
                    cancellation).ConfigureAwait(false);
                Usage.RecordWrite(response.ConsumedCapacity);
            }
            catch (TransactionCanceledException canceled)
            {
                Usage.RecordWrite(null);
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
            await DeleteOtherHistoryAsync(instanceId, request, cancellation).ConfigureAwait(false);
        }

        return CommitOutcome.Success;
    }

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
            Dictionary<string, AttributeValue>? row = await GetInstanceItemAsync(instanceId, cancellation).ConfigureAwait(false);
            if (ConditionExpressions.FirstFailed(conditions, row) is { } failed)
            {
                return failed;
            }
        }

        return null;
    }

    private async Task<Dictionary<string, AttributeValue>?> GetInstanceItemAsync(string instanceId, CancellationToken cancellation)
    {
        GetItemResponse response = await _client.GetItemAsync(
            new GetItemRequest
            {
                TableName = TableName,
                Key = InstanceItems.Key(instanceId),
                ConsistentRead = true,
                ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
            },
            cancellation).ConfigureAwait(false);
        Usage.RecordRead(response.ConsumedCapacity);
        return response.Item is { Count: > 0 } item ? item : null;
    }

    /// <summary>Deletes the instance's history, activities and inbox messages (not its row, which the transaction deletes).</summary>
    private async Task PurgeChildrenAsync(string instanceId, CancellationToken cancellation)
    {
        var keys = new List<Dictionary<string, AttributeValue>>();
        await foreach (Dictionary<string, AttributeValue> item in PartitionItemsAsync(instanceId, null, cancellation).ConfigureAwait(false))
        {
            if (item[ItemNames.SortKey].S != ItemNames.InstanceSort)
            {
                keys.Add(KeyOf(item));
            }
        }

        await foreach (Dictionary<string, AttributeValue> item in WorkItemsAsync(ItemNames.InboxWork, instanceId, cancellation).ConfigureAwait(false))
        {
            keys.Add(KeyOf(item));
        }

        await DeleteAllAsync(keys, cancellation).ConfigureAwait(false);
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
                keep.Add(ItemNames.HistorySort(append.FirstSequence + i));
            }
        }

        var keys = new List<Dictionary<string, AttributeValue>>();
        await foreach (Dictionary<string, AttributeValue> item in HistoryItemsAsync(instanceId, cancellation).ConfigureAwait(false))
        {
            if (!keep.Contains(item[ItemNames.SortKey].S))
            {
                keys.Add(KeyOf(item));
            }
        }

        await DeleteAllAsync(keys, cancellation).ConfigureAwait(false);
    }

    private async Task DeleteAllAsync(List<Dictionary<string, AttributeValue>> keys, CancellationToken cancellation)
    {
        foreach (Dictionary<string, AttributeValue>[] chunk in keys.Chunk(25))
        {
            List<WriteRequest> pending = [.. chunk.Select(key => new WriteRequest { DeleteRequest = new DeleteRequest { Key = key } })];
            for (int attempt = 0; pending.Count > 0; attempt++)
            {
                if (attempt > 0)
                {
                    // Unprocessed items mean the partition was throttled: back off before sending them again.
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(50 << Math.Min(attempt, 6), 2000)), cancellation).ConfigureAwait(false);
                }

                BatchWriteItemResponse response = await _client.BatchWriteItemAsync(
                    new BatchWriteItemRequest
                    {
                        RequestItems = new Dictionary<string, List<WriteRequest>> { [TableName] = pending },
                        ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
                    },
                    cancellation).ConfigureAwait(false);
                Usage.RecordWrite(response.ConsumedCapacity);
                pending = response.UnprocessedItems is { } unprocessed && unprocessed.TryGetValue(TableName, out List<WriteRequest>? left) ? left : [];
            }
        }
    }

    private IAsyncEnumerable<Dictionary<string, AttributeValue>> HistoryItemsAsync(string instanceId, CancellationToken cancellation) =>
        PartitionItemsAsync(instanceId, ItemNames.HistorySortPrefix, cancellation);

    /// <summary>Every item of an instance's partition (row, history, activities), or those whose sort key starts with <paramref name="sortPrefix"/>.</summary>
    private async IAsyncEnumerable<Dictionary<string, AttributeValue>> PartitionItemsAsync(
        string instanceId, string? sortPrefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation)
    {
        var values = new Dictionary<string, AttributeValue> { [":pk"] = AttributeValues.S(ItemNames.InstancePartition(instanceId)) };
        if (sortPrefix is not null)
        {
            values[":sk"] = AttributeValues.S(sortPrefix);
        }

        Dictionary<string, AttributeValue>? start = null;
        do
        {
            QueryResponse response = await _client.QueryAsync(
                new QueryRequest
                {
                    TableName = TableName,
                    KeyConditionExpression = sortPrefix is null ? "pk = :pk" : "pk = :pk AND begins_with(sk, :sk)",
                    ExpressionAttributeValues = values,
                    ExclusiveStartKey = start,
                    ConsistentRead = true,
                    ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
                },
                cancellation).ConfigureAwait(false);
            Usage.RecordRead(response.ConsumedCapacity);
            foreach (Dictionary<string, AttributeValue> item in response.Items ?? [])
            {
                yield return item;
            }

            start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);
    }

    /// <summary>Every item of one partition of the Work index in sort order, optionally only one instance's.</summary>
    private async IAsyncEnumerable<Dictionary<string, AttributeValue>> WorkItemsAsync(
        string partition, string? instanceId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation)
    {
        var names = new Dictionary<string, string> { ["#wp"] = ItemNames.WorkPartition };
        var values = new Dictionary<string, AttributeValue> { [":wp"] = AttributeValues.S(partition) };
        if (instanceId is not null)
        {
            names["#iid"] = InboxItems.InstanceId;
            values[":iid"] = AttributeValues.S(instanceId);
        }

        Dictionary<string, AttributeValue>? start = null;
        do
        {
            QueryResponse response = await _client.QueryAsync(
                new QueryRequest
                {
                    TableName = TableName,
                    IndexName = ItemNames.WorkIndex,
                    KeyConditionExpression = "#wp = :wp",
                    FilterExpression = instanceId is null ? null : "#iid = :iid",
                    ExpressionAttributeNames = names,
                    ExpressionAttributeValues = values,
                    ExclusiveStartKey = start,
                    ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
                },
                cancellation).ConfigureAwait(false);
            Usage.RecordRead(response.ConsumedCapacity);
            foreach (Dictionary<string, AttributeValue> item in response.Items ?? [])
            {
                yield return item;
            }

            start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);
    }

    private static Dictionary<string, AttributeValue> KeyOf(Dictionary<string, AttributeValue> item) => new()
    {
        [ItemNames.PartitionKey] = item[ItemNames.PartitionKey],
        [ItemNames.SortKey] = item[ItemNames.SortKey],
    };

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
