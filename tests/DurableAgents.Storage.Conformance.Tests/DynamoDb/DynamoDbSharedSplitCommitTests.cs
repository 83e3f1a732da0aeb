using Amazon.DynamoDBv2.Model;
using DurableAgents.Storage.Conformance.Tests.Suite;
using DurableAgents.Storage.DynamoDb;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.Storage.Conformance.Tests.DynamoDb;

/// <summary>
/// Split commits (over one transaction) on a table two engines share: what one engine wrote ahead is never settled wrongly
/// by the other, and a late clean-up never brings back what the other consumed.
/// </summary>
public sealed class DynamoDbSharedSplitCommitTests(DynamoDbLocalFixture local) : IClassFixture<DynamoDbLocalFixture>
{
    private const int Partitions = 4;
    private const int Activities = 120;
    private static readonly string[] Ids = [.. Enumerable.Range(0, 24).Select(i => $"inst-{i}")];

    [Fact]
    public async Task CommitAsync_SplitCommitSendingToAnotherPartition_WritesThoseMessagesOnlyInItsFinalTransactionUntagged()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local, Partitions);
        string sender = Ids.First(id => PartitionOf(id) == 0);
        string receiver = Ids.First(id => PartitionOf(id) == 1);
        await harness.Store.CommitAsync([Rows.Start(sender, 1), Rows.Start(receiver, 2)], CancellationToken.None);
        await using DynamoDbTaskHubStore receiversOwner = await harness.OpenAnotherAsync();
        IReadOnlyList<InboxMessage>? polled = null;
        RecoveryState? loaded = null;
        int? receiverItemsBeforeCommit = null;
        harness.DynamoStore.SplitCommitFault = async point =>
        {
            if (point == "ahead-written")
            {
                polled = await receiversOwner.ReadPartitionInboxAsync(1, CancellationToken.None);
                loaded = await receiversOwner.LoadPartitionAsync(1, CancellationToken.None);
                receiverItemsBeforeCommit = (await ScanAsync(harness)).Count(i => i.TryGetValue("iid", out AttributeValue? id) && id.S == receiver);
            }
            else if (point == "final-written")
            {
                // The clean-up does not run: whatever was written ahead keeps its tag.
                throw new IOException("clean-up failed");
            }
        };

        CommitOutcome outcome = Assert.Single(await harness.Store.CommitAsync([Episode(sender, Send(receiver, 50))], CancellationToken.None));

        Assert.True(outcome.Committed);
        Assert.Equal([2L], polled!.Select(m => m.MessageId));
        Assert.Equal([2L], loaded!.Inbox.Select(m => m.MessageId));
        Assert.Equal(2, receiverItemsBeforeCommit);
        Assert.Equal([2L, .. Send(receiver, 50).Select(m => m.MessageId)], (await receiversOwner.ReadPartitionInboxAsync(1, CancellationToken.None)).Select(m => m.MessageId));
        Assert.DoesNotContain(await TaggedAsync(harness), i => i["iid"].S == receiver);
    }

    [Fact]
    public async Task CommitAsync_SplitCommitSendingMoreThanItsFinalTransactionTakesToOtherPartitions_IsRefusedAndWritesNothing()
    {
        // The final transaction holds the sender's row and the messages to other partitions: 1 + 100 items is one too many.
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local, Partitions);
        string sender = Ids.First(id => PartitionOf(id) == 0);
        string receiver = Ids.First(id => PartitionOf(id) == 1);
        await harness.Store.CommitAsync([Rows.Start(sender, 1), Rows.Start(receiver, 2)], CancellationToken.None);
        int itemsBefore = (await ScanAsync(harness)).Count;

        CommitOutcome outcome = Assert.Single(await harness.Store.CommitAsync([Episode(sender, Send(receiver, 100))], CancellationToken.None));

        Assert.False(outcome.Committed);
        Assert.Contains($"instance '{sender}'", outcome.RefusedReason, StringComparison.Ordinal);
        Assert.Contains("sends 100 inbox messages or activities to instances in other partitions", outcome.RefusedReason, StringComparison.Ordinal);
        Assert.Equal(itemsBefore, (await ScanAsync(harness)).Count);
    }

    [Fact]
    public async Task ReadPartitionInboxAsync_SplitCommitCommittedButNotCleanedUp_ListsItsMessagesAndLeavesTheTagsToTheLoad()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local, Partitions);
        (string sender, string receiver, int partition) = TwoInOnePartition();
        await harness.Store.CommitAsync([Rows.Start(sender, 1), Rows.Start(receiver, 2)], CancellationToken.None);
        harness.DynamoStore.SplitCommitFault = point => point == "final-written" ? throw new IOException("clean-up failed") : Task.CompletedTask;
        Assert.True(Assert.Single(await harness.Store.CommitAsync([Episode(sender, Send(receiver, 20))], CancellationToken.None)).Committed);
        // Another engine took the partition over (the sender's engine is gone, its clean-up never runs).
        await using DynamoDbTaskHubStore newOwner = await harness.OpenAnotherAsync();

        IReadOnlyList<InboxMessage> polled = await newOwner.ReadPartitionInboxAsync(partition, CancellationToken.None);
        int taggedAfterPoll = (await TaggedAsync(harness)).Count;
        RecoveryState loaded = await newOwner.LoadPartitionAsync(partition, CancellationToken.None);

        long[] expected = [2L, .. Send(receiver, 20).Select(m => m.MessageId)];
        Assert.Equal(expected, polled.Select(m => m.MessageId));
        // The 20 messages and the activities written ahead, and the consumed start message's mark.
        Assert.Equal(20 + Activities + 1, taggedAfterPoll);
        Assert.Equal(expected, loaded.Inbox.Select(m => m.MessageId));
        Assert.Equal(Activities, loaded.Activities.Count);
        Assert.Empty(await TaggedAsync(harness));
    }

    [Fact]
    public async Task CommitAsync_CleanUpFinishedAfterTheNewOwnerConsumedAMessage_DoesNotBringTheMessageBack()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local, Partitions);
        (string sender, string receiver, int partition) = TwoInOnePartition();
        await harness.Store.CommitAsync([Rows.Start(sender, 1), Rows.Start(receiver, 2)], CancellationToken.None);
        PartitionLease oldLease = (await harness.DynamoStore.TryClaimAsync(new PartitionLease(partition, null, 0, DateTime.MinValue), "old", Rows.T0, CancellationToken.None))!;
        harness.DynamoStore.SplitCommitFault = point => point == "final-written" ? throw new IOException("clean-up failed") : Task.CompletedTask;
        Assert.True(Assert.Single(await harness.Store.CommitAsync([Episode(sender, Send(receiver, 20), oldLease)], CancellationToken.None)).Committed);
        harness.DynamoStore.SplitCommitFault = null;

        // A new owner takes the partition over, loads it and consumes message 100, while the old owner's clean-up is pending.
        await using DynamoDbTaskHubStore newOwner = await harness.OpenAnotherAsync();
        PartitionLease newLease = (await newOwner.TryClaimAsync(oldLease, "new", Rows.T0, CancellationToken.None))!;
        Assert.Contains((await newOwner.LoadPartitionAsync(partition, CancellationToken.None)).Inbox, m => m.MessageId == 100);
        Assert.True(Assert.Single(await newOwner.CommitAsync(
            [new CommitRequest
            {
                Fence = newLease,
                Conditions = [InstanceCondition.VersionEquals(receiver, 1)],
                InstanceUpserts = [Rows.Instance(receiver, rowVersion: 2)],
                InboxDeletes = [2, 100],
            }],
            CancellationToken.None)).Committed);

        // The old owner's next commit settles its pending clean-up first, then is fenced.
        CommitOutcome late = Assert.Single(await harness.Store.CommitAsync(
            [new CommitRequest { Fence = oldLease, Conditions = [InstanceCondition.VersionEquals(sender, 2)], InstanceUpserts = [Rows.Instance(sender, rowVersion: 3)] }],
            CancellationToken.None));

        Assert.Equal(CommitOutcome.Fenced(oldLease), late);
        IReadOnlyList<InboxMessage> inbox = await newOwner.ReadPartitionInboxAsync(partition, CancellationToken.None);
        Assert.Equal(Send(receiver, 20).Skip(1).Select(m => m.MessageId), inbox.Where(m => m.InstanceId == receiver).Select(m => m.MessageId));
        // The poll reads an eventually consistent index; the item itself is gone too.
        GetItemResponse consumed = await harness.Client.GetItemAsync(
            new GetItemRequest { TableName = harness.TableName, Key = DurableAgents.Storage.DynamoDb.Items.InboxItems.Key(100), ConsistentRead = true });
        Assert.True(consumed.Item is null or { Count: 0 });
    }

    [Fact]
    public async Task LoadPartitionAsync_SeveralAtOnceWithCleanUpsPending_SettlesEachPendingSplitExactlyOnce()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local, Partitions);
        (string first, string second, int partition) = TwoInOnePartition();
        await harness.Store.CommitAsync([Rows.Start(first, 1), Rows.Start(second, 2)], CancellationToken.None);
        // One batch, so the second split is not settled before it runs: both clean-ups are left pending in this store.
        harness.DynamoStore.SplitCommitFault = point => point == "final-written" ? throw new IOException("clean-up failed") : Task.CompletedTask;
        IReadOnlyList<CommitOutcome> outcomes = await harness.Store.CommitAsync(
            [Episode(first, Send(first, 5)), Episode(second, [], startMessage: 2)], CancellationToken.None);
        Assert.All(outcomes, outcome => Assert.True(outcome.Committed));
        harness.DynamoStore.SplitCommitFault = null;

        // Every settling waits at the gate, so all the loads are started while the first settling is still in progress.
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var settled = new System.Collections.Concurrent.ConcurrentQueue<string>();
        harness.DynamoStore.SettlingSplit = async instanceId =>
        {
            settled.Enqueue(instanceId);
            await gate.Task;
        };
        Task<RecoveryState>[] loads = [.. Enumerable.Range(0, 4).Select(_ => harness.DynamoStore.LoadPartitionAsync(partition, CancellationToken.None))];
        gate.SetResult();
        RecoveryState[] states = await Task.WhenAll(loads);

        // The two episodes share no item, so the store may have written them at the same time: either may be settled first.
        Assert.Equal(new[] { first, second }.Order(StringComparer.Ordinal), settled.Order(StringComparer.Ordinal));
        Assert.All(states, state => Assert.Equal(2 * Activities, state.Activities.Count));
        Assert.All(states, state => Assert.Equal(Send(first, 5).Select(m => m.MessageId), state.Inbox.Select(m => m.MessageId)));
        Assert.Empty(await TaggedAsync(harness));
        await harness.DynamoStore.LoadPartitionAsync(partition, CancellationToken.None);
        Assert.Equal(2, settled.Count);
    }

    /// <summary>An episode of <paramref name="sender"/> (row version 1 to 2) that consumes its start message, schedules more activities than one transaction takes, and sends <paramref name="messages"/>.</summary>
    private static CommitRequest Episode(string sender, IReadOnlyList<InboxMessage> messages, PartitionLease? fence = null, long startMessage = 1) => new()
    {
        Fence = fence,
        Conditions = [InstanceCondition.VersionEquals(sender, 1)],
        InstanceUpserts = [Rows.Instance(sender, rowVersion: 2)],
        InboxDeletes = [startMessage],
        InboxInserts = messages,
        ActivityInserts = [.. Enumerable.Range(1, Activities).Select(i => Rows.Activity(sender, i))],
    };

    private static InboxMessage[] Send(string receiver, int count) => [.. Enumerable.Range(100, count).Select(i => Rows.Message(i, receiver))];

    private static (string Sender, string Receiver, int Partition) TwoInOnePartition()
    {
        IGrouping<int, string> group = Ids.GroupBy(PartitionOf).First(g => g.Count() >= 2);
        return (group.ElementAt(0), group.ElementAt(1), group.Key);
    }

    private static int PartitionOf(string instanceId) => TaskHubPartitions.Of(instanceId, Partitions);

    private static async Task<List<Dictionary<string, AttributeValue>>> TaggedAsync(DynamoDbStoreHarness harness) =>
        [.. (await ScanAsync(harness)).Where(i => i.ContainsKey("pt") || i.ContainsKey("ct"))];

    /// <summary>Every item of the raw table, read consistently.</summary>
    private static async Task<List<Dictionary<string, AttributeValue>>> ScanAsync(DynamoDbStoreHarness harness)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            ScanResponse page = await harness.Client.ScanAsync(new ScanRequest { TableName = harness.TableName, ExclusiveStartKey = start, ConsistentRead = true });
            items.AddRange(page.Items ?? []);
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);

        return items;
    }
}
