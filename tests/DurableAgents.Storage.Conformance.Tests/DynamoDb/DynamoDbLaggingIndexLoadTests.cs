using Amazon.DynamoDBv2.Model;
using DurableAgents.Storage.Conformance.Tests.Suite;
using DurableAgents.Storage.DynamoDb.Items;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.Storage.Conformance.Tests.DynamoDb;

/// <summary>
/// <see cref="ITaskHubPartitionedStore.LoadPartitionAsync"/> while the Work index lags behind the table, as it may on the
/// real service right after a handover. DynamoDB Local is always consistent, so the index is made to answer with what it
/// held before the previous owner's last commit.
/// </summary>
public sealed class DynamoDbLaggingIndexLoadTests(DynamoDbLocalFixture local) : IClassFixture<DynamoDbLocalFixture>
{
    private const int Partitions = 2;

    [Fact]
    public async Task LoadPartitionAsync_IndexListsTheStateBeforeTheLastCommit_ReturnsTheTablesStateAndReportsGoneMessages()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local, Partitions);
        (string running, string completing) = TwoInstancesOfOnePartition();
        int partition = TaskHubPartitions.Of(running, Partitions);
        Assert.True(Assert.Single(await harness.Store.CommitAsync(
            [new CommitRequest
            {
                InstanceUpserts = [Rows.Instance(running), Rows.Instance(completing)],
                InboxInserts = [Rows.Message(1, running), Rows.Message(2, running), Rows.Message(3, completing)],
                ActivityInserts = [Rows.Activity(running, 1)],
            }],
            CancellationToken.None)).Committed);
        Dictionary<string, List<Dictionary<string, AttributeValue>>> before = await SnapshotIndexAsync(harness, partition);

        // The previous owner's last commit: consumes message 1, queues activity 2, moves the running row on, completes the other.
        Assert.True(Assert.Single(await harness.Store.CommitAsync(
            [new CommitRequest
            {
                InstanceUpserts = [Rows.Instance(running, rowVersion: 2, historyLength: 5), Rows.Instance(completing, OrchestrationStatus.Completed, rowVersion: 2)],
                InboxDeletes = [1, 3],
                ActivityInserts = [Rows.Activity(running, 2)],
            }],
            CancellationToken.None)).Committed);
        harness.DynamoStore.Table.WorkIndexLag = (key, _) => before.TryGetValue(key, out var stale) ? [.. stale] : [];

        RecoveryState state = await harness.DynamoStore.LoadPartitionAsync(partition, CancellationToken.None);

        InstanceRecord row = Assert.Single(state.ActiveInstances);
        Assert.Equal((running, 2L, 5), (row.InstanceId, row.RowVersion, row.HistoryLength));
        Assert.Equal([2L], state.Inbox.Select(m => m.MessageId));
        Assert.Equal([1L, 3L], state.GoneMessageIds!.Order());
        Assert.Equal([1, 2], state.Activities.Select(a => a.TaskId).Order());
    }

    [Fact]
    public async Task LoadPartitionAsync_ActivityOfAnotherExecutionInTheInstancesRange_IsNotLoaded()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local, Partitions);
        (string running, _) = TwoInstancesOfOnePartition();
        Assert.True(Assert.Single(await harness.Store.CommitAsync(
            [new CommitRequest
            {
                InstanceUpserts = [Rows.Instance(running, executionId: "exec-2")],
                ActivityInserts = [Rows.Activity(running, 1, "exec-1"), Rows.Activity(running, 2, "exec-2")],
            }],
            CancellationToken.None)).Committed);

        RecoveryState state = await harness.DynamoStore.LoadPartitionAsync(TaskHubPartitions.Of(running, Partitions), CancellationToken.None);

        ActivityTask task = Assert.Single(state.Activities);
        Assert.Equal((2, "exec-2"), (task.TaskId, task.ExecutionId));
        Assert.Empty(state.GoneMessageIds ?? []);
    }

    private static (string, string) TwoInstancesOfOnePartition()
    {
        string[] ids = [.. Enumerable.Range(0, 16).Select(i => $"lag-{i}")];
        string first = ids[0];
        return (first, ids.Skip(1).First(id => TaskHubPartitions.Of(id, Partitions) == TaskHubPartitions.Of(first, Partitions)));
    }

    private static async Task<Dictionary<string, List<Dictionary<string, AttributeValue>>>> SnapshotIndexAsync(DynamoDbStoreHarness harness, int partition)
    {
        var snapshot = new Dictionary<string, List<Dictionary<string, AttributeValue>>>(StringComparer.Ordinal);
        foreach (string key in new[] { ItemNames.ActiveWorkKey(partition), ItemNames.InboxWorkKey(partition), ItemNames.ActivityWorkKey(partition) })
        {
            var items = new List<Dictionary<string, AttributeValue>>();
            await foreach (Dictionary<string, AttributeValue> item in harness.DynamoStore.Table.WorkItemsAsync(key, null, CancellationToken.None))
            {
                items.Add(item);
            }

            snapshot[key] = items;
        }

        return snapshot;
    }
}
