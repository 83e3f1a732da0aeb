using Amazon.DynamoDBv2.Model;
using DurableAgents.Storage.DynamoDb.Items;
using DurableAgents.Storage.DynamoDb.Writing;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.Storage.DynamoDb.Reading;

/// <summary>
/// Reads a hub partition's work from the Work index (its <c>ACTIVE#p</c>, <c>INBOX#p</c> and <c>ACTIVITY#p</c> keys) and
/// judges what split commits left tagged: an item written ahead counts only when the deciding instance row carries the
/// commit's token, and an item marked consumed counts as deleted only then. Whether the reader may also settle such an
/// item (untag or delete it for good) is <see cref="SplitSettling"/>'s choice.
/// </summary>
internal sealed partial class RecoveryReader(TableAccess table, int partitionCount)
{
    // Token of the last split commit on each deciding instance row read so far (null: none), so each row is read once.
    private readonly Dictionary<string, string?> _tokens = new(StringComparer.Ordinal);

    /// <summary>Every partition, merged in the contract's order (instances by id, inbox by message id, activities by scheduled time).</summary>
    public async Task<RecoveryState> ReadAllAsync(CancellationToken cancellation)
    {
        var instances = new List<InstanceRecord>();
        var inbox = new List<InboxMessage>();
        var activities = new List<ActivityTask>();
        for (int partition = 0; partition < partitionCount; partition++)
        {
            RecoveryState state = await ReadPartitionAsync(partition, SplitSettling.All, cancellation).ConfigureAwait(false);
            instances.AddRange(state.ActiveInstances);
            inbox.AddRange(state.Inbox);
            activities.AddRange(state.Activities);
        }

        return new RecoveryState(
            [.. instances.OrderBy(i => i.InstanceId, StringComparer.Ordinal)],
            [.. inbox.OrderBy(m => m.MessageId)],
            [.. activities.OrderBy(a => a.ScheduledAt).ThenBy(a => a.InstanceId, StringComparer.Ordinal).ThenBy(a => a.TaskId).ThenBy(a => a.ExecutionId, StringComparer.Ordinal)]);
    }

    public async Task<RecoveryState> ReadPartitionAsync(int partition, SplitSettling settling, CancellationToken cancellation)
    {
        InstanceRecord[] instances = [.. (await table.WithValuesAsync(table.WorkItemsAsync(ItemNames.ActiveWorkKey(partition), null, cancellation), cancellation)
            .ConfigureAwait(false)).Select(InstanceItems.FromItem)];
        IReadOnlyList<InboxMessage> inbox = await ReadInboxAsync(partition, settling, cancellation).ConfigureAwait(false);
        IAsyncEnumerable<Dictionary<string, AttributeValue>> activityItems =
            JudgedAsync(table.WorkItemsAsync(ItemNames.ActivityWorkKey(partition), null, cancellation), partition, settling, cancellation);
        ActivityTask[] activities = [.. (await table.WithValuesAsync(activityItems, cancellation).ConfigureAwait(false)).Select(ActivityItems.FromItem)];
        return new RecoveryState(instances, inbox, activities);
    }

    /// <summary>The partition's inbox messages in message id order (the index's sort key is the message id).</summary>
    public async Task<IReadOnlyList<InboxMessage>> ReadInboxAsync(int partition, SplitSettling settling, CancellationToken cancellation)
    {
        IAsyncEnumerable<Dictionary<string, AttributeValue>> items =
            JudgedAsync(table.WorkItemsAsync(ItemNames.InboxWorkKey(partition), null, cancellation), partition, settling, cancellation);
        return [.. (await table.WithValuesAsync(items, cancellation).ConfigureAwait(false)).Select(InboxItems.FromItem)];
    }

    /// <summary>The items that count among <paramref name="items"/>, settling the tagged ones the reader may settle.</summary>
    private async IAsyncEnumerable<Dictionary<string, AttributeValue>> JudgedAsync(
        IAsyncEnumerable<Dictionary<string, AttributeValue>> items,
        int partition,
        SplitSettling settling,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation)
    {
        var untag = new List<(Dictionary<string, AttributeValue> Key, string Token)>();
        var unmark = new List<(Dictionary<string, AttributeValue> Key, string Token)>();
        var deleteAhead = new List<(Dictionary<string, AttributeValue> Key, string Token)>();
        var deleteConsumed = new List<Dictionary<string, AttributeValue>>();
        await foreach (Dictionary<string, AttributeValue> item in items.ConfigureAwait(false))
        {
            bool keep = true;
            if (AttributeValues.GetString(item, SplitTags.AheadToken) is { } aheadToken)
            {
                string decider = AttributeValues.GetRequiredString(item, SplitTags.AheadInstance);
                bool committed = await LastTokenAsync(decider, cancellation).ConfigureAwait(false) == aheadToken;
                if (MaySettle(decider, partition, settling))
                {
                    (committed ? untag : deleteAhead).Add((TableAccess.KeyOf(item), aheadToken));
                }

                keep = committed;
            }

            if (keep && AttributeValues.GetString(item, SplitTags.ConsumedToken) is { } consumedToken)
            {
                string decider = AttributeValues.GetRequiredString(item, SplitTags.ConsumedInstance);
                bool committed = await LastTokenAsync(decider, cancellation).ConfigureAwait(false) == consumedToken;
                if (MaySettle(decider, partition, settling))
                {
                    if (committed)
                    {
                        deleteConsumed.Add(TableAccess.KeyOf(item));
                    }
                    else
                    {
                        unmark.Add((TableAccess.KeyOf(item), consumedToken));
                    }
                }

                keep = !committed;
            }

            if (keep)
            {
                yield return item;
            }
        }

        // Settled before the engine commits again: the next commit of the deciding row replaces its token. Each write is
        // conditional on the token read here (the index may be behind the table), so it never undoes a newer write.
        await SplitTags.ForEachAsync(untag, (u, c) => SplitTags.UntagAheadAsync(table, u.Key, u.Token, c), cancellation).ConfigureAwait(false);
        await SplitTags.ForEachAsync(unmark, (u, c) => SplitTags.UnmarkConsumedAsync(table, u.Key, u.Token, c), cancellation).ConfigureAwait(false);
        await SplitTags.ForEachAsync(deleteAhead, (u, c) => SplitTags.DeleteAheadAsync(table, u.Key, u.Token, c), cancellation).ConfigureAwait(false);
        await table.DeleteAllAsync(deleteConsumed, cancellation).ConfigureAwait(false);
    }

    /// <summary>
    /// A tagged item is settled only by the owner of its deciding instance's partition: another engine may be running that
    /// instance's split commit right now, and judging it "not committed" before its final write would lose the item.
    /// </summary>
    private bool MaySettle(string decider, int partition, SplitSettling settling) => settling switch
    {
        SplitSettling.All => true,
        SplitSettling.DecidedInPartition => TaskHubPartitions.Of(decider, partitionCount) == partition,
        _ => false,
    };

    private async Task<string?> LastTokenAsync(string instanceId, CancellationToken cancellation)
    {
        if (!_tokens.TryGetValue(instanceId, out string? token))
        {
            Dictionary<string, AttributeValue>? row = await table.GetInstanceItemAsync(instanceId, cancellation).ConfigureAwait(false);
            token = row is null ? null : AttributeValues.GetString(row, SplitCommit.LastToken);
            _tokens[instanceId] = token;
        }

        return token;
    }
}
