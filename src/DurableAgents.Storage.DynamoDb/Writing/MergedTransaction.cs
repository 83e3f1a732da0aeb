using Amazon.DynamoDBv2.Model;
using DurableAgents.Storage.DynamoDb.Items;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.Storage.DynamoDb.Writing;

/// <summary>
/// Consecutive requests of a commit group written as one <c>TransactWriteItems</c> call, when together they fit one
/// transaction and touch no item twice: e.g. an engine's activity results for one instance, or episodes of several
/// instances in one hub partition. One round trip instead of one per request; the requests become atomic together,
/// which is more than each needs. Requests under one fence share one check of the lease.
/// </summary>
internal sealed class MergedTransaction
{
    private MergedTransaction(IReadOnlyList<RequestTransaction> requests, List<TransactWriteItem> items, int fenceIndex)
    {
        Requests = requests;
        Items = items;
        FenceIndex = fenceIndex;
    }

    /// <summary>The requests written together, in list order.</summary>
    public IReadOnlyList<RequestTransaction> Requests { get; }

    public IReadOnlyList<TransactWriteItem> Items { get; }

    /// <summary>The position of the shared lease check in <see cref="Items"/>, or -1 when the requests have no fence.</summary>
    public int FenceIndex { get; }

    /// <summary>
    /// The longest run of requests from <paramref name="start"/> in <paramref name="order"/> that can be written as one
    /// transaction; a run of one is written on its own (with everything <c>CommitOneAsync</c> does for it).
    /// </summary>
    public static MergedTransaction? TryTake(IReadOnlyList<RequestTransaction> transactions, IReadOnlyList<int> order, int start)
    {
        RequestTransaction first = transactions[order[start]];
        if (!Mergeable(first))
        {
            return null;
        }

        var requests = new List<RequestTransaction> { first };
        var keys = new HashSet<string>(ItemKeys(first), StringComparer.Ordinal);
        int items = first.Items.Count;
        long bytes = first.Bytes;
        for (int next = start + 1; next < order.Count; next++)
        {
            RequestTransaction candidate = transactions[order[next]];
            int added = candidate.Items.Count - (candidate.FenceIndex >= 0 ? 1 : 0);
            if (!Mergeable(candidate) || !SameFence(first.Request.Fence, candidate.Request.Fence) ||
                items + added > ItemSize.MaxTransactionItems || bytes + candidate.Bytes > ItemSize.MaxTransactionBytes ||
                ItemKeys(candidate).Any(keys.Contains))
            {
                break;
            }

            keys.UnionWith(ItemKeys(candidate));
            items += added;
            bytes += candidate.Bytes;
            requests.Add(candidate);
        }

        if (requests.Count == 1)
        {
            return null;
        }

        var writes = new List<TransactWriteItem>(items);
        int fenceIndex = -1;
        foreach (RequestTransaction request in requests)
        {
            for (int i = 0; i < request.Items.Count; i++)
            {
                if (i != request.FenceIndex)
                {
                    writes.Add(request.Items[i]);
                }
                else if (fenceIndex < 0)
                {
                    fenceIndex = writes.Count;
                    writes.Add(request.Items[i]);
                }
            }
        }

        return new MergedTransaction(requests, writes, fenceIndex);
    }

    /// <summary>One transaction as built, with nothing the store does outside it (purges, history deletes, split commits).</summary>
    private static bool Mergeable(RequestTransaction transaction) =>
        transaction.Refusal is null && transaction.FitsOneTransaction && transaction.Items.Count > 0 &&
        transaction.Request.Purges.Count == 0 && transaction.Request.HistoryDeletes.Count == 0;

    /// <summary>The same lease (partition, owner, epoch; a renewal changes only the expiry), or no fence for both.</summary>
    private static bool SameFence(PartitionLease? a, PartitionLease? b) =>
        a is null ? b is null : b is not null && a.Partition == b.Partition && a.Owner == b.Owner && a.Epoch == b.Epoch;

    /// <summary>The items a request writes or checks, besides its lease (DynamoDB takes one operation per item in a transaction).</summary>
    private static IEnumerable<string> ItemKeys(RequestTransaction transaction) =>
        transaction.Items
            .Where((_, i) => i != transaction.FenceIndex)
            .Select(write => write.Put?.Item ?? write.Delete?.Key ?? write.ConditionCheck.Key)
            .Select(key => key[ItemNames.PartitionKey].S + "\n" + key[ItemNames.SortKey].S);
}
