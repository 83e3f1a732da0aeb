using Amazon.DynamoDBv2.Model;
using DurableAgents.Storage.DynamoDb.Items;

namespace DurableAgents.Storage.DynamoDb.Writing;

/// <summary>
/// Splits a batch into groups of requests that touch no common DynamoDB partition key (and no common hub item): a
/// request can only see another's writes through an item both touch, so groups may be written at the same time, each
/// in list order, and the batch still reads as if applied in list order.
/// </summary>
/// <remarks>
/// Instance items conflict by partition key (<c>I#{id}</c>: the row, its history, activities and chunks), which also
/// covers what a request reads or deletes by query there (history deletes, split commits' row reads). Hub items
/// (<c>HUB</c>) conflict by their own key: the fence's check of a partition's lease is one, so requests fenced by the
/// same lease stay in one group (concurrent transactions on one item would cancel each other). A purge deletes items it
/// finds by query, including inbox messages of any key, so a batch with a purge is one group.
/// </remarks>
internal static class CommitGroups
{
    public static IReadOnlyList<IReadOnlyList<int>> Of(IReadOnlyList<RequestTransaction> transactions)
    {
        if (transactions.Count < 2 || transactions.Any(t => t.Request.Purges.Count > 0))
        {
            return [[.. Enumerable.Range(0, transactions.Count)]];
        }

        int[] parent = [.. Enumerable.Range(0, transactions.Count)];
        var firstByKey = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < transactions.Count; i++)
        {
            foreach (string key in ConflictKeys(transactions[i]))
            {
                if (firstByKey.TryGetValue(key, out int first))
                {
                    parent[Root(parent, i)] = Root(parent, first);
                }
                else
                {
                    firstByKey[key] = i;
                }
            }
        }

        // Groups in order of their first request, each in list order.
        var groups = new Dictionary<int, List<int>>();
        var order = new List<List<int>>();
        for (int i = 0; i < transactions.Count; i++)
        {
            int root = Root(parent, i);
            if (!groups.TryGetValue(root, out List<int>? group))
            {
                group = [];
                groups[root] = group;
                order.Add(group);
            }

            group.Add(i);
        }

        return order;
    }

    private static IEnumerable<string> ConflictKeys(RequestTransaction transaction)
    {
        if (transaction.Refusal is not null)
        {
            // A refused request writes nothing, so it conflicts with nothing.
            yield break;
        }

        foreach (TransactWriteItem write in transaction.Items)
        {
            Dictionary<string, AttributeValue> key = write.Put?.Item ?? write.Delete?.Key ?? write.ConditionCheck.Key;
            string partition = key[ItemNames.PartitionKey].S;
            yield return partition == ItemNames.HubPartition ? partition + "\n" + key[ItemNames.SortKey].S : partition;
        }

        foreach (string instanceId in transaction.Request.HistoryDeletes)
        {
            yield return ItemNames.InstancePartition(instanceId);
        }
    }

    private static int Root(int[] parent, int i)
    {
        while (parent[i] != i)
        {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }

        return i;
    }
}
