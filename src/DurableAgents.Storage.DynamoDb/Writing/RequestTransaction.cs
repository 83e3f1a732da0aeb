using System.Globalization;
using static System.FormattableString;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using DurableAgents.Storage.DynamoDb.Items;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.Storage.DynamoDb.Writing;

/// <summary>
/// One <see cref="CommitRequest"/> as one <c>TransactWriteItems</c> call: each write is one item, each instance's
/// conditions are folded into the condition expression of that instance row's put or delete (DynamoDB allows one
/// operation per item in a transaction), or become a ConditionCheck when the request does not write the row.
/// </summary>
/// <remarks>
/// Built and size-checked before anything of the batch is written: a request DynamoDB can never take gets a
/// <see cref="Refusal"/> and is reported as <see cref="CommitOutcome.Refused"/> while the rest of the batch is written.
/// Purges and history deletes are queries-and-deletes outside the transaction (see README).
/// </remarks>
internal sealed class RequestTransaction
{
    private readonly List<TransactWriteItem> _items = [];
    private readonly List<string?> _conditionedInstance = [];
    private readonly Dictionary<string, int> _positions = new(StringComparer.Ordinal);
    private readonly List<Dictionary<string, AttributeValue>> _aheadPuts = [];
    private readonly List<Dictionary<string, AttributeValue>> _consumedKeys = [];
    private readonly List<Dictionary<string, AttributeValue>> _chunkPuts = [];

    private RequestTransaction(CommitRequest request, int partitionCount)
    {
        Request = request;
        PartitionCount = partitionCount;
        ConditionsByInstance = request.Conditions
            .GroupBy(c => c.InstanceId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<InstanceCondition>)[.. g], StringComparer.Ordinal);
    }

    public CommitRequest Request { get; }

    /// <summary>The hub's partition count, which places each item's Work index key.</summary>
    public int PartitionCount { get; }

    /// <summary>The position of the fence's ConditionCheck on the partition's lease in <see cref="Items"/>, or -1 when the request has no fence.</summary>
    public int FenceIndex { get; private set; } = -1;

    public IReadOnlyList<TransactWriteItem> Items => _items;

    public IReadOnlyDictionary<string, IReadOnlyList<InstanceCondition>> ConditionsByInstance { get; }

    /// <summary>The bytes of the items written, as DynamoDB counts them against the 4 MB transaction limit.</summary>
    public int Bytes { get; private set; }

    /// <summary>True when the request is one transaction; otherwise it is written as a split commit (see <see cref="SplitCommit"/>).</summary>
    public bool FitsOneTransaction => _items.Count <= ItemSize.MaxTransactionItems && Bytes <= ItemSize.MaxTransactionBytes;

    /// <summary>History rows, inbox messages and activities to add: what a split commit writes ahead of its final transaction.</summary>
    public IReadOnlyList<Dictionary<string, AttributeValue>> AheadPuts => _aheadPuts;

    /// <summary>
    /// Of a split commit's <see cref="AheadPuts"/>, the inbox messages and activities of instances in other hub partitions
    /// than its instance's: they go into the final transaction instead of being written ahead, because only the owner of
    /// the committing instance's partition may settle what was written ahead (see README "Split commits").
    /// </summary>
    public IReadOnlyList<Dictionary<string, AttributeValue>> FinalPuts { get; private set; } = [];

    /// <summary>
    /// The chunks of values too large for their item (see <see cref="ValueChunks"/>): written before anything that refers to
    /// them, outside the transaction (they are unreachable until it applies, and named by content, so writing one again is harmless).
    /// </summary>
    public IReadOnlyList<Dictionary<string, AttributeValue>> ChunkPuts => _chunkPuts;

    /// <summary>Keys of the inbox messages and activities the request deletes.</summary>
    public IReadOnlyList<Dictionary<string, AttributeValue>> ConsumedKeys => _consumedKeys;

    /// <summary>Why DynamoDB can never take this request (which limit, by how much, what to change); null when it can be written.</summary>
    public string? Refusal { get; private set; }

    /// <summary>The instance whose conditions the item at <paramref name="index"/> carries, if any.</summary>
    public string? ConditionedInstanceAt(int index) => _conditionedInstance[index];

    /// <exception cref="ArgumentException">The request's fence is not a held lease of one of the hub's partitions.</exception>
    public static RequestTransaction Build(CommitRequest request, string table, int partitionCount)
    {
        if (request.Fence is { } fence && (fence.Partition < 0 || fence.Partition >= partitionCount || string.IsNullOrEmpty(fence.Owner) || fence.Epoch < 1))
        {
            throw new ArgumentException(
                Invariant($"A commit's fence must be a held lease of one of the hub's partitions 0 to {partitionCount - 1}, with an owner and an epoch of at least 1; ") +
                Invariant($"it was partition {fence.Partition}, owner '{fence.Owner}', epoch {fence.Epoch}. Nothing was written."),
                nameof(request));
        }

        var transaction = new RequestTransaction(request, partitionCount);
        transaction.AddWrites(table);
        transaction.AttachConditions(table);
        transaction.AttachFence(table);
        transaction.CheckLimits();
        return transaction;
    }

    private void AddWrites(string table)
    {
        CommitRequest request = Request;
        foreach (string instanceId in request.Purges)
        {
            Delete(table, InstanceItems.Key(instanceId));
        }

        foreach (InstanceRecord record in request.InstanceUpserts)
        {
            Put(table, InstanceItems.ToItem(record, PartitionCount), record.InstanceId, $"the row of instance '{record.InstanceId}'");
        }

        foreach (HistoryAppend append in request.HistoryAppends)
        {
            for (int i = 0; i < append.Events.Count; i++)
            {
                int sequence = append.FirstSequence + i;
                Put(table, Ahead(HistoryItems.ToItem(append.InstanceId, append.ExecutionId, sequence, append.Events[i])), append.InstanceId,
                    string.Create(CultureInfo.InvariantCulture, $"history event {sequence} ({append.Events[i].GetType().Name}) of instance '{append.InstanceId}'"));
            }
        }

        foreach (long messageId in request.InboxDeletes)
        {
            Delete(table, Consumed(InboxItems.Key(messageId)));
        }

        foreach (ActivityKey key in request.ActivityDeletes)
        {
            Delete(table, Consumed(ActivityItems.Key(key)));
        }

        foreach (InboxMessage message in request.InboxInserts)
        {
            Put(table, Ahead(InboxItems.ToItem(message, PartitionCount)), message.InstanceId,
                string.Create(CultureInfo.InvariantCulture, $"inbox message {message.MessageId} ({message.Event.GetType().Name}) for instance '{message.InstanceId}'"));
        }

        foreach (ActivityTask activity in request.ActivityInserts)
        {
            Put(table, Ahead(ActivityItems.ToItem(activity, PartitionCount)), activity.InstanceId, $"activity {activity.TaskId} '{activity.Name}' of instance '{activity.InstanceId}'");
        }
    }

    private void AttachConditions(string table)
    {
        foreach ((string instanceId, IReadOnlyList<InstanceCondition> conditions) in ConditionsByInstance)
        {
            (string expression, Dictionary<string, string> names, Dictionary<string, AttributeValue> values) = ConditionExpressions.Build(conditions);
            Dictionary<string, AttributeValue> key = InstanceItems.Key(instanceId);
            if (_positions.TryGetValue(KeyText(key), out int position))
            {
                TransactWriteItem write = _items[position];
                if (write.Put is { } put)
                {
                    (put.ConditionExpression, put.ExpressionAttributeNames, put.ExpressionAttributeValues) = (expression, NullIfEmpty(names), NullIfEmpty(values));
                    put.ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD;
                }
                else
                {
                    Delete delete = write.Delete;
                    (delete.ConditionExpression, delete.ExpressionAttributeNames, delete.ExpressionAttributeValues) = (expression, NullIfEmpty(names), NullIfEmpty(values));
                    delete.ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD;
                }

                _conditionedInstance[position] = instanceId;
            }
            else
            {
                _items.Add(new TransactWriteItem
                {
                    ConditionCheck = new ConditionCheck
                    {
                        TableName = table,
                        Key = key,
                        ConditionExpression = expression,
                        ExpressionAttributeNames = NullIfEmpty(names),
                        ExpressionAttributeValues = NullIfEmpty(values),
                        ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
                    },
                });
                _conditionedInstance.Add(instanceId);
                Bytes += ItemSize.KeyBytes;
            }
        }
    }

    /// <summary>
    /// A fenced request carries a ConditionCheck on its partition's lease, one more item counted against the transaction's
    /// limits: it applies only while the committing engine still holds the lease with the same epoch.
    /// </summary>
    private void AttachFence(string table)
    {
        if (Request.Fence is not { } fence)
        {
            return;
        }

        FenceIndex = _items.Count;
        _items.Add(new TransactWriteItem { ConditionCheck = LeaseItems.FenceCheck(table, fence) });
        _conditionedInstance.Add(null);
        Bytes += ItemSize.KeyBytes;
    }

    /// <summary>
    /// A request that does not fit one transaction can still be written when it changes one instance row (an episode, a
    /// start: the split commit's final transaction) or when it only adds and deletes rows without conditions (each write
    /// is idempotent, so chunks may apply one by one). Anything else is refused before the batch writes.
    /// </summary>
    private void CheckLimits()
    {
        if (Refusal is not null || FitsOneTransaction)
        {
            return;
        }

        CommitRequest r = Request;
        bool anchored = r.InstanceUpserts.Count == 1 && r.Purges.Count == 0 &&
            ConditionsByInstance.Keys.All(id => id == r.InstanceUpserts[0].InstanceId);
        bool unconditional = r.Conditions.Count == 0 && r.InstanceUpserts.Count == 0 && r.Purges.Count == 0;
        if (!anchored && !unconditional)
        {
            Refusal =
                Invariant($"A commit would write {_items.Count} items ({Bytes} bytes), more than one DynamoDB transaction takes ") +
                Invariant($"({ItemSize.MaxTransactionItems} items, {ItemSize.MaxTransactionBytes} bytes), and it changes {r.InstanceUpserts.Count} instance rows ") +
                Invariant($"and purges {r.Purges.Count}; only a commit that changes one instance row can be split ({Describe()}). Nothing was written.") +
                (r.InstanceUpserts.Count > 1
                    ? Invariant($" Each sub-orchestration an episode starts is one more instance row, and this episode starts {r.InstanceUpserts.Count - 1} at once: ") +
                      "start them in waves of at most 25 (await each wave before starting the next), or use the SQLite store, which has no such limit."
                    : string.Empty);
        }

        if (anchored)
        {
            CheckFinalTransaction(r.InstanceUpserts[0]);
        }
    }

    /// <summary>A split commit's final transaction holds the row, the fence and the writes to other partitions: it must fit one transaction.</summary>
    private void CheckFinalTransaction(InstanceRecord anchor)
    {
        int home = TaskHubPartitions.Of(anchor.InstanceId, PartitionCount);
        FinalPuts = [.. DistinctByKey(_aheadPuts).Where(item => ItemNames.WorkPartitionOf(item) is { } partition && partition != home)];
        int items = 1 + (FenceIndex >= 0 ? 1 : 0) + FinalPuts.Count;
        // The row as built: its values too large for one item are already in chunks, written before the transaction.
        long bytes = ItemSize.Of(_items[_positions[KeyText(InstanceItems.Key(anchor.InstanceId))]].Put.Item) + ItemSize.KeyBytes + FinalPuts.Sum(item => (long)ItemSize.Of(item));
        if (items > ItemSize.MaxTransactionItems || bytes > ItemSize.MaxTransactionBytes)
        {
            Refusal =
                Invariant($"A commit of instance '{anchor.InstanceId}' is split (it writes {_items.Count} items), and it sends {FinalPuts.Count} inbox messages ") +
                Invariant($"or activities to instances in other partitions of the hub ({bytes} bytes with the instance row): a split commit writes those in its ") +
                Invariant($"final transaction, which takes {ItemSize.MaxTransactionItems} items and {ItemSize.MaxTransactionBytes} bytes. Nothing was written. ") +
                "Send to other instances in smaller episodes (e.g. raise the events in batches), or use the SQLite store.";
        }
    }

    /// <summary>BatchWriteItem refuses a key twice in one call; a later write of a key wins, as in one transaction.</summary>
    public static List<Dictionary<string, AttributeValue>> DistinctByKey(IEnumerable<Dictionary<string, AttributeValue>> items)
    {
        var byKey = new Dictionary<string, Dictionary<string, AttributeValue>>(StringComparer.Ordinal);
        foreach (Dictionary<string, AttributeValue> item in items)
        {
            byKey[KeyText(item)] = item;
        }

        return [.. byKey.Values];
    }

    private Dictionary<string, AttributeValue> Ahead(Dictionary<string, AttributeValue> item)
    {
        _aheadPuts.Add(item);
        return item;
    }

    private Dictionary<string, AttributeValue> Consumed(Dictionary<string, AttributeValue> key)
    {
        _consumedKeys.Add(key);
        return key;
    }

    private string Describe()
    {
        CommitRequest r = Request;
        string instances = string.Join(", ", r.InstanceUpserts.Select(i => $"'{i.InstanceId}'").Concat(r.Purges.Select(p => $"'{p}'")).Distinct().Take(3));
        return Invariant($"instances {(instances.Length == 0 ? "none" : instances)}: {r.ItemCount} writes, of them {r.ActivityInserts.Count} activities, ") +
            Invariant($"{r.InboxInserts.Count} inbox messages, {r.HistoryAppends.Sum(a => a.Events.Count)} history events");
    }

    /// <summary>Adds the put of <paramref name="item"/>, whose values too large for one item move into chunks of <paramref name="instanceId"/>'s partition.</summary>
    private void Put(string table, Dictionary<string, AttributeValue> item, string instanceId, string what)
    {
        if (ValueChunks.MoveOutUntilFits(item, instanceId, _chunkPuts) is { } tooLarge)
        {
            // The first item that cannot be stored is the one named; the request is refused whatever else it holds.
            Refusal ??=
                Invariant($"{char.ToUpperInvariant(what[0])}{what[1..]} {tooLarge}. Nothing was written. ") +
                "Pass a smaller payload (store large data elsewhere and pass a reference), or use the SQLite store.";
        }

        Add(item, new TransactWriteItem { Put = new Put { TableName = table, Item = item } }, ItemSize.Of(item));
    }

    private void Delete(string table, Dictionary<string, AttributeValue> key)
    {
        Add(key, new TransactWriteItem { Delete = new Delete { TableName = table, Key = key } }, ItemSize.KeyBytes);
    }

    /// <summary>A key written twice in one request keeps the later write, as the later statement would win in SQL.</summary>
    private void Add(Dictionary<string, AttributeValue> keyOrItem, TransactWriteItem write, int bytes)
    {
        string key = KeyText(keyOrItem);
        if (_positions.TryGetValue(key, out int position))
        {
            _items[position] = write;
        }
        else
        {
            _positions[key] = _items.Count;
            _items.Add(write);
            _conditionedInstance.Add(null);
        }

        // A replaced write's bytes stay counted: the sum only ever overstates the transaction's size, so a request that
        // fits by this count fits DynamoDB's 4 MB limit (at worst a request is split that one transaction would hold).
        Bytes += bytes;
    }

    private static string KeyText(Dictionary<string, AttributeValue> item) =>
        item[ItemNames.PartitionKey].S + "\n" + item[ItemNames.SortKey].S;

    private static Dictionary<TKey, TValue>? NullIfEmpty<TKey, TValue>(Dictionary<TKey, TValue> values)
        where TKey : notnull => values.Count == 0 ? null : values;
}
