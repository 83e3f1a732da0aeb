using Amazon.DynamoDBv2.Model;
using DurableAgents.History;
using DurableAgents.Storage.Conformance.Tests.Suite;
using DurableAgents.Storage.DynamoDb;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.Storage.Conformance.Tests.DynamoDb;

/// <summary>Partition-scoped reads of the DynamoDB store (<see cref="ITaskHubPartitionedStore.LoadPartitionAsync"/>, <see cref="ITaskHubPartitionedStore.ReadPartitionInboxAsync"/>).</summary>
public sealed class DynamoDbPartitionReadTests(DynamoDbLocalFixture local) : IClassFixture<DynamoDbLocalFixture>
{
    private const int Partitions = 4;
    private static readonly string[] Ids = [.. Enumerable.Range(0, 24).Select(i => $"inst-{i}")];

    [Fact]
    public async Task LoadPartitionAsync_InstancesSpreadOverPartitions_ReturnsExactlyEachPartitionsInstancesMessagesAndActivities()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local, Partitions);
        await SpreadWorkAsync(harness);
        Assert.True(Ids.Select(PartitionOf).Distinct().Count() == Partitions, "the ids cover every partition");

        foreach (int partition in Enumerable.Range(0, Partitions))
        {
            RecoveryState state = await harness.DynamoStore.LoadPartitionAsync(partition, CancellationToken.None);

            string[] expected = [.. Ids.Where(id => PartitionOf(id) == partition).Order(StringComparer.Ordinal)];
            string[] active = [.. expected.Where(id => id != "inst-0")];
            Assert.Equal(active, state.ActiveInstances.Select(i => i.InstanceId).Order(StringComparer.Ordinal));
            Assert.Equal(expected.SelectMany(id => new[] { (id, "start"), (id, "timer") }).Order(), state.Inbox.Select(Describe).Order());
            Assert.True(state.Inbox.Select(m => m.MessageId).SequenceEqual(state.Inbox.Select(m => m.MessageId).Order()), "inbox in message id order");
            Assert.Equal(expected.SelectMany(id => new[] { (id, 1), (id, 2) }).Order(), state.Activities.Select(a => (a.InstanceId, a.TaskId)).Order());
        }
    }

    [Fact]
    public async Task LoadRecoveryStateAsync_IsTheUnionOfThePartitionsInTheContractsOrder()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local, Partitions);
        await SpreadWorkAsync(harness);
        var partitions = new List<RecoveryState>();
        foreach (int partition in Enumerable.Range(0, Partitions))
        {
            partitions.Add(await harness.DynamoStore.LoadPartitionAsync(partition, CancellationToken.None));
        }

        RecoveryState all = await harness.Store.LoadRecoveryStateAsync(CancellationToken.None);

        Assert.Equal(partitions.SelectMany(p => p.ActiveInstances).Select(i => i.InstanceId).Order(StringComparer.Ordinal), all.ActiveInstances.Select(i => i.InstanceId));
        Assert.Equal(partitions.SelectMany(p => p.Inbox).Select(m => m.MessageId).Order(), all.Inbox.Select(m => m.MessageId));
        Assert.Equal(
            partitions.SelectMany(p => p.Activities).OrderBy(a => a.ScheduledAt).ThenBy(a => a.InstanceId, StringComparer.Ordinal).ThenBy(a => a.TaskId).Select(a => (a.InstanceId, a.TaskId)),
            all.Activities.Select(a => (a.InstanceId, a.TaskId)));
        Assert.Equal(Ids.Length - 1, all.ActiveInstances.Count);
        Assert.Equal(Ids.Length * 2, all.Inbox.Count);
    }

    [Fact]
    public async Task ReadPartitionInboxAsync_ReturnsExactlyThePartitionsMessagesInIdOrderFutureOnesIncluded()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local, Partitions);
        await SpreadWorkAsync(harness);

        foreach (int partition in Enumerable.Range(0, Partitions))
        {
            IReadOnlyList<InboxMessage> inbox = await harness.DynamoStore.ReadPartitionInboxAsync(partition, CancellationToken.None);

            long[] expected = [.. Ids.Where(id => PartitionOf(id) == partition).SelectMany(id => new[] { StartId(id), TimerId(id) }).Order()];
            Assert.Equal(expected, inbox.Select(m => m.MessageId));
            Assert.Contains(inbox, m => m.VisibleAt > Rows.T0.AddDays(1));
        }
    }

    [Fact]
    public async Task LoadPartitionAsync_PartitionOutsideTheHub_ThrowsNamingTheRange()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local, Partitions);

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => harness.DynamoStore.LoadPartitionAsync(Partitions, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => harness.DynamoStore.ReadPartitionInboxAsync(-1, CancellationToken.None));

        Assert.Contains("partitions 0 to 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CommitAsync_Purge_DeletesTheInstancesMessagesFromItsPartitionOnly()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local, Partitions);
        await SpreadWorkAsync(harness);
        string victim = Ids[5];
        int partition = PartitionOf(victim);

        Assert.True(Assert.Single(await harness.Store.CommitAsync([new CommitRequest { Purges = [victim] }], CancellationToken.None)).Committed);

        IReadOnlyList<InboxMessage> inbox = await harness.DynamoStore.ReadPartitionInboxAsync(partition, CancellationToken.None);
        Assert.DoesNotContain(inbox, m => m.InstanceId == victim);
        Assert.Equal((Ids.Count(id => PartitionOf(id) == partition) - 1) * 2, inbox.Count);
        Assert.Equal((Ids.Length - 1) * 2, (await harness.Store.LoadRecoveryStateAsync(CancellationToken.None)).Inbox.Count);
    }

    [Fact]
    public async Task LoadPartitionAsync_WhileAnotherEnginesSplitCommitSendsToThePartition_NeitherListsNorDeletesItsMessagesBeforeTheCommit()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local, Partitions);
        string sender = Ids.First(id => PartitionOf(id) == 0);
        string receiver = Ids.First(id => PartitionOf(id) == 1);
        await harness.Store.CommitAsync([Rows.Start(sender, 1), Rows.Start(receiver, 2)], CancellationToken.None);
        await using DynamoDbTaskHubStore receiversOwner = await harness.OpenAnotherAsync();
        IReadOnlyList<InboxMessage>? polled = null;
        RecoveryState? loaded = null;
        harness.DynamoStore.SplitCommitFault = async point =>
        {
            if (point == "ahead-written")
            {
                // The sender's messages are written ahead (tagged) but not yet committed when the receiver's owner reads.
                polled = await receiversOwner.ReadPartitionInboxAsync(1, CancellationToken.None);
                loaded = await receiversOwner.LoadPartitionAsync(1, CancellationToken.None);
            }
            else if (point == "final-written")
            {
                // The clean-up (which would write the messages again untagged) does not run: the messages stay as written ahead.
                throw new IOException("clean-up failed");
            }
        };

        CommitOutcome outcome = Assert.Single(await harness.Store.CommitAsync(
            [new CommitRequest
            {
                Conditions = [InstanceCondition.VersionEquals(sender, 1)],
                InstanceUpserts = [Rows.Instance(sender, rowVersion: 2)],
                InboxDeletes = [1],
                InboxInserts = [.. Enumerable.Range(100, 120).Select(i => Rows.Message(i, receiver))],
            }],
            CancellationToken.None));

        Assert.True(outcome.Committed);
        Assert.Equal([2L], polled!.Select(m => m.MessageId));
        Assert.Equal([2L], loaded!.Inbox.Select(m => m.MessageId));
        IReadOnlyList<InboxMessage> after = await receiversOwner.ReadPartitionInboxAsync(1, CancellationToken.None);
        Assert.Equal([2L, .. Enumerable.Range(100, 120).Select(i => (long)i)], after.Select(m => m.MessageId));
    }

    [Fact]
    public async Task ReadPartitionInboxAsync_SplitCommitCommittedButNotCleanedUp_ListsItsMessagesAndLeavesTheirTags()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local, Partitions);
        string sender = Ids.First(id => PartitionOf(id) == 0);
        string receiver = Ids.First(id => PartitionOf(id) == 1);
        await harness.Store.CommitAsync([Rows.Start(sender, 1), Rows.Start(receiver, 2)], CancellationToken.None);
        harness.DynamoStore.SplitCommitFault = point => point == "final-written" ? throw new IOException("clean-up failed") : Task.CompletedTask;
        await using DynamoDbTaskHubStore receiversOwner = await harness.OpenAnotherAsync();

        Assert.True(Assert.Single(await harness.Store.CommitAsync(
            [new CommitRequest
            {
                Conditions = [InstanceCondition.VersionEquals(sender, 1)],
                InstanceUpserts = [Rows.Instance(sender, rowVersion: 2)],
                InboxInserts = [.. Enumerable.Range(100, 120).Select(i => Rows.Message(i, receiver))],
            }],
            CancellationToken.None)).Committed);
        IReadOnlyList<InboxMessage> polled = await receiversOwner.ReadPartitionInboxAsync(1, CancellationToken.None);
        RecoveryState loaded = await receiversOwner.LoadPartitionAsync(1, CancellationToken.None);

        long[] expected = [2L, .. Enumerable.Range(100, 120).Select(i => (long)i)];
        Assert.Equal(expected, polled.Select(m => m.MessageId));
        Assert.Equal(expected, loaded.Inbox.Select(m => m.MessageId));
        // The sender's instance is in partition 0: only its owner settles the tags (here, before its next commit).
        Assert.Equal(120, await CountTaggedAsync(harness));
    }

    /// <summary>
    /// Each instance: a start message, a timer message a day ahead and two activities; "inst-0" is completed (not active).
    /// Message ids interleave across instances so each partition's ids are not one contiguous range.
    /// </summary>
    private static async Task SpreadWorkAsync(DynamoDbStoreHarness harness)
    {
        var requests = new List<CommitRequest>();
        foreach (string id in Ids)
        {
            requests.Add(new CommitRequest
            {
                InstanceUpserts = [Rows.Instance(id, id == "inst-0" ? OrchestrationStatus.Completed : OrchestrationStatus.Running)],
                InboxInserts =
                [
                    Rows.Message(StartId(id), id, Rows.Started(id)),
                    Rows.Message(TimerId(id), id, new TimerFiredEvent(-1, Rows.T0, 1, Rows.T0.AddDays(2)), Rows.T0.AddDays(2)),
                ],
                ActivityInserts = [Rows.Activity(id, 1), Rows.Activity(id, 2)],
            });
        }

        Assert.All(await harness.Store.CommitAsync(requests, CancellationToken.None), o => Assert.True(o.Committed));
    }

    private static int PartitionOf(string instanceId) => TaskHubPartitions.Of(instanceId, Partitions);

    private static long StartId(string instanceId) => 1 + Array.IndexOf(Ids, instanceId);

    private static long TimerId(string instanceId) => 1000 + Array.IndexOf(Ids, instanceId);

    private static (string, string) Describe(InboxMessage message) => (message.InstanceId, message.Event is TimerFiredEvent ? "timer" : "start");

    private static async Task<int> CountTaggedAsync(DynamoDbStoreHarness harness)
    {
        int count = 0;
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            ScanResponse page = await harness.Client.ScanAsync(new ScanRequest
            {
                TableName = harness.TableName,
                FilterExpression = "attribute_exists(pt) OR attribute_exists(ct)",
                ExclusiveStartKey = start,
                ConsistentRead = true,
            });
            count += page.Items?.Count ?? 0;
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);

        return count;
    }
}
