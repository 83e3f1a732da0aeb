using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using DurableAgents.Storage.DynamoDb.Items;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.Storage.DynamoDb.Writing;

/// <summary>
/// Writes a request larger than one transaction (more than 100 items or 4 MB) so that a crash between its parts neither
/// loses nor doubles anything: everything is written ahead in a form readers ignore, then one small transaction (the
/// conditional put of the instance row, carrying the commit's token) makes it all count at once. See README "Split commits".
/// </summary>
internal static class SplitCommit
{
    /// <summary>Items per transaction of an unconditional request written in chunks.</summary>
    private const int ChunkItems = 25;

    /// <summary>On an instance row: the token of the split commit that wrote it last.</summary>
    public const string LastToken = "lt";

    /// <summary>Test hook: called at "ahead-written" (before the final transaction) and "final-written" (before clean-up).</summary>
    public delegate Task FaultPoint(string point);

    /// <summary>
    /// Runs the split commit. A failure before the final transaction reports the split to <paramref name="unsettled"/> and
    /// propagates (the commit is unknown until settled); a failure after it reports the split and returns Success, since
    /// the commit applied and only the clean-up is left.
    /// </summary>
    public static async Task<CommitOutcome> RunAnchoredAsync(
        TableAccess table, RequestTransaction transaction, FaultPoint? fault, Action<PendingSplit, Exception> unsettled, CancellationToken cancellation)
    {
        InstanceRecord anchor = transaction.Request.InstanceUpserts[0];
        string instanceId = anchor.InstanceId;

        // 1. The lease of a fenced commit and the conditions are read (consistently) first, so a commit that would be refused
        //    writes nothing ahead; the final transaction checks both again.
        PartitionLease? fence = transaction.Request.Fence;
        if (fence is not null && !LeaseItems.Holds(await table.GetItemAsync(LeaseItems.LeaseKey(fence.Partition), cancellation).ConfigureAwait(false), fence))
        {
            return CommitOutcome.Fenced(fence);
        }

        IReadOnlyList<InstanceCondition> conditions = transaction.ConditionsByInstance.GetValueOrDefault(instanceId) ?? [];
        Dictionary<string, AttributeValue>? row = await table.GetInstanceItemAsync(instanceId, cancellation).ConfigureAwait(false);
        if (ConditionExpressions.FirstFailed(conditions, row) is { } failed)
        {
            return CommitOutcome.ConditionFailed(failed);
        }

        string token = Guid.NewGuid().ToString("N");

        // 2. Ahead: history rows (ignored past the row's HistoryLength, keyed by execution so they never overwrite the
        //    current execution's rows), inbox and activity items tagged with the token (recovery ignores them unless the
        //    row carries the token), and a consumed mark on every item the request deletes. Items for instances in other
        //    partitions are not written ahead but in the final transaction (their partition's owner could not settle them).
        var final = new HashSet<Dictionary<string, AttributeValue>>(transaction.FinalPuts, ReferenceEqualityComparer.Instance);
        List<Dictionary<string, AttributeValue>> ahead =
            [.. RequestTransaction.DistinctByKey(transaction.AheadPuts).Where(item => !final.Contains(item)).Select(item => Tagged(item, instanceId, token))];
        List<Dictionary<string, AttributeValue>> consumed = [.. RequestTransaction.DistinctByKey(transaction.ConsumedKeys)];
        var pending = new PendingSplit(instanceId, token, ahead, consumed);
        Put put = InstancePut(transaction, instanceId);
        put.Item[LastToken] = AttributeValues.S(token);
        try
        {
            // Chunks of values too large for their items first: nothing refers to them until the final transaction.
            await table.PutAllAsync(RequestTransaction.DistinctByKey(transaction.ChunkPuts), cancellation).ConfigureAwait(false);
            await table.PutAllAsync(ahead, cancellation).ConfigureAwait(false);
            await SplitTags.ForEachAsync(consumed, (key, markCancellation) => SplitTags.MarkConsumedAsync(table, key, instanceId, token, markCancellation), cancellation).ConfigureAwait(false);
            if (fault is not null)
            {
                await fault("ahead-written").ConfigureAwait(false);
            }

            // 3. The one transaction that makes the commit count: the instance row, under the request's conditions, with the
            //    token, the fence's check of the lease (a lease taken over meanwhile cancels it), then the writes to other partitions.
            List<TransactWriteItem> finalWrites = [new TransactWriteItem { Put = put }];
            if (transaction.FenceIndex >= 0)
            {
                finalWrites.Add(transaction.Items[transaction.FenceIndex]);
            }

            finalWrites.AddRange(transaction.FinalPuts.Select(item => new TransactWriteItem { Put = new Put { TableName = table.Table, Item = item } }));

            // A cancellation by conflicts alone wrote nothing and is retried (the row keeps the split's token either way).
            await TransactionConflicts.TransactWriteAsync(table, finalWrites, cancellation, firstToken: token).ConfigureAwait(false);
        }
        catch (TransactionCanceledException canceled) when (
            canceled.CancellationReasons is [{ Code: "ConditionalCheckFailed" }, ..] or [_, { Code: "ConditionalCheckFailed" }, ..])
        {
            // The row or the lease changed under us: undo the ahead writes now (recovery would too, as the row lacks the token).
            // A lost lease is reported first: the row's conditions mean nothing to an engine that no longer owns it.
            CommitOutcome failedOutcome = fence is not null && canceled.CancellationReasons is [_, { Code: "ConditionalCheckFailed" }, ..]
                ? CommitOutcome.Fenced(fence)
                : CommitOutcome.ConditionFailed(ConditionExpressions.FirstFailed(conditions, canceled.CancellationReasons[0].Item) ?? conditions[0]);
            try
            {
                await ResolveAsync(table, pending, committed: false, cancellation).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                // Nothing was committed, so the outcome stands; the undo is finished before the next commit.
                unsettled(pending, exception);
            }

            return failedOutcome;
        }
        catch (Exception exception)
        {
            // Unknown whether the final transaction applied (e.g. a timeout): settled by the row's token before the next commit.
            unsettled(pending, exception);
            throw;
        }

        try
        {
            if (fault is not null)
            {
                await fault("final-written").ConfigureAwait(false);
            }

            // 4. Clean-up: the tags go and the consumed items are deleted.
            await ResolveAsync(table, pending, committed: true, cancellation).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            // The commit applied: reporting failure would make the engine fail callers whose work is durable. The clean-up
            // is finished by key before the next commit (or by recovery after a crash).
            unsettled(pending, exception);
        }

        return CommitOutcome.Success;
    }

    /// <summary>Settles a split that stopped part-way, by key: committed exactly when its instance row carries its token.</summary>
    public static async Task SettleAsync(TableAccess table, PendingSplit pending, CancellationToken cancellation)
    {
        Dictionary<string, AttributeValue>? row = await table.GetInstanceItemAsync(pending.InstanceId, cancellation).ConfigureAwait(false);
        bool committed = row is not null && AttributeValues.GetString(row, LastToken) == pending.Token;
        await ResolveAsync(table, pending, committed, cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// A request without conditions and instance rows: every write is idempotent, so chunks apply one after another. A
    /// fenced request's chunks each carry the fence: when the first is refused nothing was written (Fenced); a later one
    /// refused means the earlier chunks applied, which is reported as an exception (the outcome is partial).
    /// </summary>
    public static async Task<CommitOutcome> RunUnconditionalAsync(TableAccess table, RequestTransaction transaction, CancellationToken cancellation)
    {
        TransactWriteItem? fenceCheck = transaction.FenceIndex >= 0 ? transaction.Items[transaction.FenceIndex] : null;
        var chunk = new List<TransactWriteItem>();
        int bytes = 0;
        bool first = true;
        async Task<bool> WriteAsync()
        {
            bool written = await WriteChunkAsync(table, fenceCheck is null ? chunk : [.. chunk, fenceCheck], cancellation).ConfigureAwait(false);
            if (!written && !first)
            {
                throw new InvalidOperationException(
                    $"A fenced commit of {transaction.Items.Count - 1} unconditional writes to '{table.Table}' was written in chunks, and the lease of partition " +
                    $"{transaction.Request.Fence!.Partition} changed after some of them applied; the engine no longer owns the partition.");
            }

            first = false;
            chunk.Clear();
            bytes = 0;
            return written;
        }

        foreach (TransactWriteItem item in transaction.Items)
        {
            if (ReferenceEquals(item, fenceCheck))
            {
                continue;
            }

            // Each chunk stays within a transaction's item and byte limits (items are at most 400 KB each).
            int size = item.Put is { } put ? ItemSize.Of(put.Item) : ItemSize.KeyBytes;
            if (chunk.Count == ChunkItems || bytes + size > ItemSize.MaxTransactionBytes - ItemSize.KeyBytes)
            {
                if (!await WriteAsync().ConfigureAwait(false))
                {
                    return CommitOutcome.Fenced(transaction.Request.Fence!);
                }
            }

            chunk.Add(item);
            bytes += size;
        }

        if (chunk.Count > 0 && !await WriteAsync().ConfigureAwait(false))
        {
            return CommitOutcome.Fenced(transaction.Request.Fence!);
        }

        return CommitOutcome.Success;
    }

    /// <summary>
    /// Finishes (committed: tags removed, consumed items deleted) or undoes (not committed: items written ahead deleted,
    /// consumed marks removed) what a split commit wrote ahead. Each write is conditional on the commit's token (see
    /// <see cref="SplitTags"/>), so a late clean-up never brings back an item another engine consumed meanwhile.
    /// </summary>
    private static async Task ResolveAsync(TableAccess table, PendingSplit pending, bool committed, CancellationToken cancellation)
    {
        List<Dictionary<string, AttributeValue>> tagged = [.. pending.Ahead.Where(item => item.ContainsKey(SplitTags.AheadToken)).Select(TableAccess.KeyOf)];
        string token = pending.Token;
        if (committed)
        {
            await SplitTags.ForEachAsync(tagged, (key, c) => SplitTags.UntagAheadAsync(table, key, token, c), cancellation).ConfigureAwait(false);
            await table.DeleteAllAsync(pending.Consumed, cancellation).ConfigureAwait(false);
        }
        else
        {
            await SplitTags.ForEachAsync(tagged, (key, c) => SplitTags.DeleteAheadAsync(table, key, token, c), cancellation).ConfigureAwait(false);
            await SplitTags.ForEachAsync(pending.Consumed, (key, c) => SplitTags.UnmarkConsumedAsync(table, key, token, c), cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>One chunk as one transaction; false when its only condition, a fence, was refused.</summary>
    private static async Task<bool> WriteChunkAsync(TableAccess table, List<TransactWriteItem> chunk, CancellationToken cancellation)
    {
        try
        {
            await TransactionConflicts.TransactWriteAsync(table, chunk, cancellation).ConfigureAwait(false);
            return true;
        }
        catch (TransactionCanceledException canceled) when (canceled.CancellationReasons?.Any(r => r.Code == "ConditionalCheckFailed") == true)
        {
            return false;
        }
    }

    private static Put InstancePut(RequestTransaction transaction, string instanceId)
    {
        Dictionary<string, AttributeValue> key = InstanceItems.Key(instanceId);
        return transaction.Items.Select(i => i.Put).First(p => p is not null &&
            p.Item[ItemNames.PartitionKey].S == key[ItemNames.PartitionKey].S && p.Item[ItemNames.SortKey].S == key[ItemNames.SortKey].S);
    }

    private static Dictionary<string, AttributeValue> Tagged(Dictionary<string, AttributeValue> item, string instanceId, string token)
    {
        // History rows need no tag: readers stop at the instance row's HistoryLength.
        if (item[ItemNames.SortKey].S.StartsWith(ItemNames.HistorySortPrefix, StringComparison.Ordinal))
        {
            return item;
        }

        return new Dictionary<string, AttributeValue>(item)
        {
            [SplitTags.AheadToken] = AttributeValues.S(token),
            [SplitTags.AheadInstance] = AttributeValues.S(instanceId),
        };
    }
}
