using Amazon.DynamoDBv2.Model;
using DurableAgents.Storage.DynamoDb.Items;
using DurableAgents.Storage.DynamoDb.Writing;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.Storage.DynamoDb.Reading;

/// <summary>
/// The partition load of a new owner, made consistent: the Work index is eventually consistent, so right after a handover
/// it may still list a message the previous owner consumed, miss an activity it queued, or show an old instance row. The
/// index only says where to look; every row, message and activity returned here is read from the table itself.
/// </summary>
internal sealed partial class RecoveryReader
{
    public async Task<RecoveryState> ReadPartitionConsistentlyAsync(int partition, SplitSettling settling, CancellationToken cancellation)
    {
        // Instances the index lists as active or with queued activities (a completed instance's rows are still loaded, as
        // the index path does); their rows are read again, consistently.
        var listedIds = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (Dictionary<string, AttributeValue> item in table.WorkItemsAsync(ItemNames.ActiveWorkKey(partition), null, cancellation).ConfigureAwait(false))
        {
            listedIds.Add(AttributeValues.GetRequiredString(item, InstanceItems.InstanceId));
        }

        var activityOwners = new SortedSet<string>(StringComparer.Ordinal);
        await foreach (Dictionary<string, AttributeValue> item in table.WorkItemsAsync(ItemNames.ActivityWorkKey(partition), null, cancellation).ConfigureAwait(false))
        {
            activityOwners.Add(AttributeValues.GetRequiredString(item, ActivityItems.InstanceId));
        }

        IReadOnlyList<Dictionary<string, AttributeValue>> freshRows = await table.WithValuesAsync(
            await table.GetAllAsync(listedIds.Union(activityOwners, StringComparer.Ordinal).Select(InstanceItems.Key), cancellation).ConfigureAwait(false),
            cancellation).ConfigureAwait(false);
        Dictionary<string, InstanceRecord> rows = freshRows.Select(InstanceItems.FromItem).ToDictionary(r => r.InstanceId, StringComparer.Ordinal);

        InstanceRecord[] active = [.. listedIds
            .Select(id => rows.GetValueOrDefault(id))
            .OfType<InstanceRecord>()
            .Where(row => !row.Status.IsTerminal())];

        // Activities come from each instance's own key range (a consistent query), not from the index, so one the previous
        // owner queued just before the handover is never missed. Only the row's current execution's count.
        var activities = new List<ActivityTask>();
        IEnumerable<string> owners = active.Select(row => row.InstanceId).Union(activityOwners, StringComparer.Ordinal);
        foreach (InstanceRecord row in owners.Select(id => rows.GetValueOrDefault(id)).OfType<InstanceRecord>())
        {
            IAsyncEnumerable<Dictionary<string, AttributeValue>> own = table.PartitionItemsAsync(row.InstanceId, ItemNames.ActivitySortPrefix, cancellation);
            foreach (Dictionary<string, AttributeValue> item in await table.WithValuesAsync(JudgedAsync(own, partition, settling, cancellation), cancellation).ConfigureAwait(false))
            {
                ActivityTask task = ActivityItems.FromItem(item);
                if (string.Equals(task.ExecutionId, row.ExecutionId, StringComparison.Ordinal))
                {
                    activities.Add(task);
                }
            }
        }

        (IReadOnlyList<InboxMessage> inbox, IReadOnlyList<long> gone) = await ReadInboxConsistentlyAsync(partition, settling, cancellation).ConfigureAwait(false);
        return new RecoveryState(active, inbox, activities, gone);
    }

    /// <summary>The messages the index lists, each confirmed by a consistent read; those already gone are reported apart.</summary>
    private async Task<(IReadOnlyList<InboxMessage> Inbox, IReadOnlyList<long> Gone)> ReadInboxConsistentlyAsync(
        int partition, SplitSettling settling, CancellationToken cancellation)
    {
        var listed = new SortedSet<long>();
        await foreach (Dictionary<string, AttributeValue> item in table.WorkItemsAsync(ItemNames.InboxWorkKey(partition), null, cancellation).ConfigureAwait(false))
        {
            listed.Add(AttributeValues.GetLong(item, InboxItems.MessageId));
        }

        List<Dictionary<string, AttributeValue>> fresh = await table.GetAllAsync(listed.Select(InboxItems.Key), cancellation).ConfigureAwait(false);
        var found = new HashSet<long>(fresh.Select(item => AttributeValues.GetLong(item, InboxItems.MessageId)));
        List<InboxMessage> inbox = [.. (await table.WithValuesAsync(JudgedAsync(ToAsync(fresh), partition, settling, cancellation), cancellation).ConfigureAwait(false))
            .Select(InboxItems.FromItem)];
        inbox.Sort((a, b) => a.MessageId.CompareTo(b.MessageId));
        return (inbox, [.. listed.Where(id => !found.Contains(id))]);
    }

    private static async IAsyncEnumerable<Dictionary<string, AttributeValue>> ToAsync(IEnumerable<Dictionary<string, AttributeValue>> items)
    {
        foreach (Dictionary<string, AttributeValue> item in items)
        {
            yield return item;
        }

        await Task.CompletedTask.ConfigureAwait(false);
    }
}
