using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using DurableAgents.Storage.DynamoDb.Items;

namespace DurableAgents.Storage.DynamoDb.Writing;

/// <summary>The store's calls on its table: consistent reads of instance rows, paged queries, chunked batch writes; each call's capacity is counted.</summary>
internal sealed class TableAccess(IAmazonDynamoDB client, string table, DynamoDbUsage usage)
{
    public IAmazonDynamoDB Client { get; } = client;

    public string Table { get; } = table;

    public DynamoDbUsage Usage { get; } = usage;

    public Task<Dictionary<string, AttributeValue>?> GetInstanceItemAsync(string instanceId, CancellationToken cancellation) =>
        GetItemAsync(InstanceItems.Key(instanceId), cancellation);

    /// <summary>One item, read consistently; null when it does not exist.</summary>
    public async Task<Dictionary<string, AttributeValue>?> GetItemAsync(Dictionary<string, AttributeValue> key, CancellationToken cancellation)
    {
        GetItemResponse response = await Client.GetItemAsync(
            new GetItemRequest
            {
                TableName = Table,
                Key = key,
                ConsistentRead = true,
                ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
            },
            cancellation).ConfigureAwait(false);
        Usage.RecordRead(response.ConsumedCapacity);
        return response.Item is { Count: > 0 } item ? item : null;
    }

    /// <summary>
    /// The items of <paramref name="keys"/> that exist, read consistently with BatchGetItem in chunks of 100 (its limit),
    /// asking again for unprocessed (throttled) keys after a back-off. Missing items are simply absent from the result.
    /// </summary>
    public async Task<List<Dictionary<string, AttributeValue>>> GetAllAsync(IEnumerable<Dictionary<string, AttributeValue>> keys, CancellationToken cancellation)
    {
        var found = new List<Dictionary<string, AttributeValue>>();
        foreach (Dictionary<string, AttributeValue>[] chunk in keys.Chunk(100))
        {
            var pending = new KeysAndAttributes { Keys = [.. chunk], ConsistentRead = true };
            for (int attempt = 0; pending.Keys is { Count: > 0 }; attempt++)
            {
                if (attempt > 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(50 << Math.Min(attempt, 6), 2000)), cancellation).ConfigureAwait(false);
                }

                BatchGetItemResponse response = await Client.BatchGetItemAsync(
                    new BatchGetItemRequest
                    {
                        RequestItems = new Dictionary<string, KeysAndAttributes> { [Table] = pending },
                        ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
                    },
                    cancellation).ConfigureAwait(false);
                foreach (ConsumedCapacity capacity in response.ConsumedCapacity ?? [])
                {
                    Usage.RecordRead(capacity);
                }

                if (response.Responses is { } responses && responses.TryGetValue(Table, out List<Dictionary<string, AttributeValue>>? items))
                {
                    found.AddRange(items);
                }

                pending = response.UnprocessedKeys is { } unprocessed && unprocessed.TryGetValue(Table, out KeysAndAttributes? left)
                    ? left
                    : new KeysAndAttributes { Keys = [] };
            }
        }

        return found;
    }

    /// <summary>
    /// Reads back into <paramref name="items"/> every value stored in chunks (see <see cref="ValueChunks"/>), with consistent
    /// reads: chunks are written before the item that refers to them, so they are there whenever the item is. Items
    /// without references cost nothing.
    /// </summary>
    /// <exception cref="InvalidDataException">A chunk is missing or does not match its reference.</exception>
    public async Task<IReadOnlyList<Dictionary<string, AttributeValue>>> WithValuesAsync(
        IReadOnlyList<Dictionary<string, AttributeValue>> items, CancellationToken cancellation)
    {
        List<Dictionary<string, AttributeValue>> referring = [.. items.Where(ValueChunks.HasReferences)];
        if (referring.Count == 0)
        {
            return items;
        }

        var keys = new Dictionary<string, Dictionary<string, AttributeValue>>(StringComparer.Ordinal);
        foreach (Dictionary<string, AttributeValue> key in referring.SelectMany(ValueChunks.ChunkKeys))
        {
            keys.TryAdd(ValueChunks.KeyText(key), key);
        }

        var chunks = new Dictionary<string, Dictionary<string, AttributeValue>>(StringComparer.Ordinal);
        foreach (Dictionary<string, AttributeValue> chunk in await GetAllAsync(keys.Values, cancellation).ConfigureAwait(false))
        {
            chunks[ValueChunks.KeyText(chunk)] = chunk;
        }

        foreach (Dictionary<string, AttributeValue> item in referring)
        {
            ValueChunks.Rejoin(item, chunks);
        }

        return items;
    }

    /// <summary>Collects <paramref name="items"/> and reads their values stored in chunks back in (see <see cref="WithValuesAsync(IReadOnlyList{Dictionary{string, AttributeValue}}, CancellationToken)"/>).</summary>
    public async Task<IReadOnlyList<Dictionary<string, AttributeValue>>> WithValuesAsync(
        IAsyncEnumerable<Dictionary<string, AttributeValue>> items, CancellationToken cancellation)
    {
        var list = new List<Dictionary<string, AttributeValue>>();
        await foreach (Dictionary<string, AttributeValue> item in items.ConfigureAwait(false))
        {
            list.Add(item);
        }

        return await WithValuesAsync(list, cancellation).ConfigureAwait(false);
    }

    public Task DeleteAllAsync(IEnumerable<Dictionary<string, AttributeValue>> keys, CancellationToken cancellation) =>
        WriteAllAsync(keys.Select(key => new WriteRequest { DeleteRequest = new DeleteRequest { Key = key } }), cancellation);

    public Task PutAllAsync(IEnumerable<Dictionary<string, AttributeValue>> items, CancellationToken cancellation) =>
        WriteAllAsync(items.Select(item => new WriteRequest { PutRequest = new PutRequest { Item = item } }), cancellation);

    /// <summary>BatchWriteItem in chunks of 25 (its limit), sending unprocessed (throttled) items again after a back-off.</summary>
    private async Task WriteAllAsync(IEnumerable<WriteRequest> writes, CancellationToken cancellation)
    {
        foreach (WriteRequest[] chunk in writes.Chunk(25))
        {
            List<WriteRequest> pending = [.. chunk];
            for (int attempt = 0; pending.Count > 0; attempt++)
            {
                if (attempt > 0)
                {
                    // Unprocessed items mean the partition was throttled: back off before sending them again.
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(50 << Math.Min(attempt, 6), 2000)), cancellation).ConfigureAwait(false);
                }

                BatchWriteItemResponse response = await Client.BatchWriteItemAsync(
                    new BatchWriteItemRequest
                    {
                        RequestItems = new Dictionary<string, List<WriteRequest>> { [Table] = pending },
                        ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
                    },
                    cancellation).ConfigureAwait(false);
                Usage.RecordWrite(response.ConsumedCapacity);
                pending = response.UnprocessedItems is { } unprocessed && unprocessed.TryGetValue(Table, out List<WriteRequest>? left) ? left : [];
            }
        }
    }

    /// <summary>Every item of an instance's partition (row, history, activities), or those whose sort key starts with <paramref name="sortPrefix"/>.</summary>
    public async IAsyncEnumerable<Dictionary<string, AttributeValue>> PartitionItemsAsync(
        string instanceId, string? sortPrefix, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation)
    {
        var values = new Dictionary<string, AttributeValue> { [":pk"] = AttributeValues.S(ItemNames.InstancePartition(instanceId)) };
        if (sortPrefix is not null)
        {
            values[":sk"] = AttributeValues.S(sortPrefix);
        }

        var request = new QueryRequest
        {
            TableName = Table,
            KeyConditionExpression = sortPrefix is null ? "pk = :pk" : "pk = :pk AND begins_with(sk, :sk)",
            ExpressionAttributeValues = values,
            ConsistentRead = true,
            ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
        };
        await foreach (Dictionary<string, AttributeValue> item in QueryPagesAsync(request, cancellation).ConfigureAwait(false))
        {
            yield return item;
        }
    }

    /// <summary>Every item of the hub partition (partition count, leases, heartbeats), read consistently.</summary>
    public IAsyncEnumerable<Dictionary<string, AttributeValue>> HubItemsAsync(CancellationToken cancellation) =>
        QueryPagesAsync(
            new QueryRequest
            {
                TableName = Table,
                KeyConditionExpression = "pk = :pk",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":pk"] = AttributeValues.S(ItemNames.HubPartition) },
                ConsistentRead = true,
                ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
            },
            cancellation);

    /// <summary>
    /// Tests only: rewrites what a Work index query returns (by index key), to play the index lagging behind the table,
    /// which DynamoDB Local (always consistent) never does.
    /// </summary>
    internal Func<string, List<Dictionary<string, AttributeValue>>, List<Dictionary<string, AttributeValue>>>? WorkIndexLag { get; set; }

    /// <summary>Every item of one partition of the Work index in sort order, optionally only one instance's.</summary>
    public async IAsyncEnumerable<Dictionary<string, AttributeValue>> WorkItemsAsync(
        string partition, string? instanceId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation)
    {
        if (WorkIndexLag is { } lag && instanceId is null)
        {
            var listed = new List<Dictionary<string, AttributeValue>>();
            await foreach (Dictionary<string, AttributeValue> item in IndexItemsAsync(partition, null, cancellation).ConfigureAwait(false))
            {
                listed.Add(item);
            }

            foreach (Dictionary<string, AttributeValue> item in lag(partition, listed))
            {
                yield return item;
            }

            yield break;
        }

        await foreach (Dictionary<string, AttributeValue> item in IndexItemsAsync(partition, instanceId, cancellation).ConfigureAwait(false))
        {
            yield return item;
        }
    }

    private async IAsyncEnumerable<Dictionary<string, AttributeValue>> IndexItemsAsync(
        string partition, string? instanceId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation)
    {
        var names = new Dictionary<string, string> { ["#wp"] = ItemNames.WorkPartition };
        var values = new Dictionary<string, AttributeValue> { [":wp"] = AttributeValues.S(partition) };
        if (instanceId is not null)
        {
            names["#iid"] = InboxItems.InstanceId;
            values[":iid"] = AttributeValues.S(instanceId);
        }

        var request = new QueryRequest
        {
            TableName = Table,
            IndexName = ItemNames.WorkIndex,
            KeyConditionExpression = "#wp = :wp",
            FilterExpression = instanceId is null ? null : "#iid = :iid",
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
            ReturnConsumedCapacity = ReturnConsumedCapacity.TOTAL,
        };
        await foreach (Dictionary<string, AttributeValue> item in QueryPagesAsync(request, cancellation).ConfigureAwait(false))
        {
            yield return item;
        }
    }

    public static Dictionary<string, AttributeValue> KeyOf(Dictionary<string, AttributeValue> item) => new()
    {
        [ItemNames.PartitionKey] = item[ItemNames.PartitionKey],
        [ItemNames.SortKey] = item[ItemNames.SortKey],
    };

    /// <summary>Every item a query matches, reading page after page; each page's read units are counted.</summary>
    private async IAsyncEnumerable<Dictionary<string, AttributeValue>> QueryPagesAsync(
        QueryRequest request, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation)
    {
        do
        {
            QueryResponse response = await Client.QueryAsync(request, cancellation).ConfigureAwait(false);
            Usage.RecordRead(response.ConsumedCapacity);
            foreach (Dictionary<string, AttributeValue> item in response.Items ?? [])
            {
                yield return item;
            }

            request.ExclusiveStartKey = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (request.ExclusiveStartKey is not null);
    }
}
