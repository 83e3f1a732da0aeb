using Amazon.DynamoDBv2.Model;
using DurableAgents.Storage.DynamoDb.Items;
using DurableAgents.Storage.DynamoDb.Writing;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.Storage.DynamoDb.Reading;

/// <summary>
/// Reads the recovery state from the Work index and settles what split commits left behind: an item written ahead counts
/// (and loses its tag) only when the deciding instance row carries the commit's token; otherwise it is deleted. A consumed
/// mark deletes its item when the row carries the token, and is removed otherwise.
/// </summary>
internal static class RecoveryReader
{
    public static async Task<RecoveryState> ReadAsync(TableAccess table, CancellationToken cancellation)
    {
        var instances = new List<InstanceRecord>();
        await foreach (Dictionary<string, AttributeValue> item in table.WorkItemsAsync(ItemNames.ActiveWork, null, cancellation).ConfigureAwait(false))
        {
            instances.Add(InstanceItems.FromItem(item));
        }

        var tokens = new Dictionary<string, string?>(StringComparer.Ordinal);
        var inbox = new List<InboxMessage>();
        await foreach (Dictionary<string, AttributeValue> item in SettledAsync(table, ItemNames.InboxWork, tokens, cancellation).ConfigureAwait(false))
        {
            inbox.Add(InboxItems.FromItem(item));
        }

        var activities = new List<ActivityTask>();
        await foreach (Dictionary<string, AttributeValue> item in SettledAsync(table, ItemNames.ActivityWork, tokens, cancellation).ConfigureAwait(false))
        {
            activities.Add(ActivityItems.FromItem(item));
        }

        return new RecoveryState(instances, inbox, activities);
    }

    private static async IAsyncEnumerable<Dictionary<string, AttributeValue>> SettledAsync(
        TableAccess table,
        string partition,
        Dictionary<string, string?> tokens,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation)
    {
        var untag = new List<Dictionary<string, AttributeValue>>();
        var delete = new List<Dictionary<string, AttributeValue>>();
        await foreach (Dictionary<string, AttributeValue> item in table.WorkItemsAsync(partition, null, cancellation).ConfigureAwait(false))
        {
            bool keep = true;
            bool changed = false;
            if (AttributeValues.GetString(item, SplitCommit.AheadToken) is { } aheadToken)
            {
                changed = true;
                keep = await LastTokenAsync(table, AttributeValues.GetRequiredString(item, SplitCommit.AheadInstance), tokens, cancellation).ConfigureAwait(false) == aheadToken;
            }

            if (keep && AttributeValues.GetString(item, SplitCommit.ConsumedToken) is { } consumedToken)
            {
                changed = true;
                keep = await LastTokenAsync(table, AttributeValues.GetRequiredString(item, SplitCommit.ConsumedInstance), tokens, cancellation).ConfigureAwait(false) != consumedToken;
            }

            if (!keep)
            {
                delete.Add(TableAccess.KeyOf(item));
                continue;
            }

            if (changed)
            {
                untag.Add(SplitCommit.Untagged(item));
            }

            yield return item;
        }

        // Settled before the engine commits again: the next commit of the deciding row replaces its token.
        await table.PutAllAsync(untag, cancellation).ConfigureAwait(false);
        await table.DeleteAllAsync(delete, cancellation).ConfigureAwait(false);
    }

    private static async Task<string?> LastTokenAsync(TableAccess table, string instanceId, Dictionary<string, string?> tokens, CancellationToken cancellation)
    {
        if (!tokens.TryGetValue(instanceId, out string? token))
        {
            Dictionary<string, AttributeValue>? row = await table.GetInstanceItemAsync(instanceId, cancellation).ConfigureAwait(false);
            token = row is null ? null : AttributeValues.GetString(row, SplitCommit.LastToken);
            tokens[instanceId] = token;
        }

        return token;
    }
}
