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
}
