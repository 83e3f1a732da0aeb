using Amazon.DynamoDBv2.Model;
using DurableAgents.History;
using DurableAgents.Storage.Conformance.Tests.Suite;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.Storage.Conformance.Tests.DynamoDb;

/// <summary>
/// Values larger than a DynamoDB item (400 KB) are stored in chunk items and read back by every read. DynamoDB Local
/// enforces the item limit, so a commit that put such a value in one item would fail here.
/// </summary>
public sealed class DynamoDbLargeValueTests(DynamoDbLocalFixture local) : IClassFixture<DynamoDbLocalFixture>
{
    private const string Id = "large";

    private static readonly string Input = Json('i', 1024 * 1024);
    private static readonly string Output = Json('o', 1200 * 1024);
    private static readonly string Status = Json('s', 600 * 1024);
    private static readonly string Result = Json('r', 900 * 1024);
    private static readonly string ActivityInput = Json('a', 700 * 1024);
    private static readonly string Payload = Json('p', 500 * 1024);

    [Fact]
    public async Task CommitAsync_ValuesOverOneItem_AreReadBackWholeByEveryRead()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local);
        Assert.Equal([true, true], (await harness.Store.CommitAsync([Start(), Episode()], CancellationToken.None)).Select(o => o.Committed));

        InstanceRecord row = (await harness.Store.GetInstanceAsync(Id, true, CancellationToken.None))!;
        Assert.Equal((Input, Output, Status), (row.Input, row.Output, row.CustomStatus));
        TaskCompletedEvent completed = Assert.IsType<TaskCompletedEvent>(Assert.Single(await harness.Store.GetHistoryAsync(Id, "exec-1", CancellationToken.None)));
        Assert.Equal(Result, completed.Result);

        RecoveryState state = await harness.Store.LoadRecoveryStateAsync(CancellationToken.None);
        AssertPending(state);
        Assert.Equal((Input, Output), (Assert.Single(state.ActiveInstances).Input, state.ActiveInstances[0].Output));
        RecoveryState partition = await harness.DynamoStore.LoadPartitionAsync(TaskHubPartitions.Of(Id, harness.DynamoStore.PartitionCount), CancellationToken.None);
        AssertPending(partition);
        Assert.Equal(Status, Assert.Single(partition.ActiveInstances).CustomStatus);
        IReadOnlyList<InboxMessage> inbox = await harness.DynamoStore.ReadPartitionInboxAsync(TaskHubPartitions.Of(Id, harness.DynamoStore.PartitionCount), CancellationToken.None);
        Assert.Equal(Payload, Assert.IsType<EventRaisedEvent>(Assert.Single(inbox).Event).Input);

        InstancePage page = await harness.Store.QueryInstancesAsync(new InstanceQuery { IncludePayloads = true }, CancellationToken.None);
        Assert.Equal(Output, Assert.Single(page.Instances).Output);
        Assert.NotEmpty(await ChunkItemsAsync(harness, Id));
    }

    [Fact]
    public async Task GetInstanceAsync_WithoutPayloads_ReadsOnlyTheRow()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local);
        await harness.Store.CommitAsync([Start(), Episode()], CancellationToken.None);
        long before = harness.DynamoStore.Usage.Requests;

        InstanceRecord row = (await harness.Store.GetInstanceAsync(Id, false, CancellationToken.None))!;
        InstancePage page = await harness.Store.QueryInstancesAsync(new InstanceQuery { IncludePayloads = false }, CancellationToken.None);

        Assert.Equal((null, null, null), (row.Input, row.Output, row.CustomStatus));
        Assert.Null(Assert.Single(page.Instances).Output);
        Assert.Equal(before + 2, harness.DynamoStore.Usage.Requests);
    }

    [Fact]
    public async Task CommitAsync_SplitEpisodeWithLargeValues_AppliesOnceAndReadsBack()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local);
        await harness.Store.CommitAsync([Start()], CancellationToken.None);
        // 150 history events of 100 KB each (15 MB: far more than one transaction's 4 MB), one of them over one item.
        HistoryEvent[] events = [.. Enumerable.Range(0, 150).Select(i => (HistoryEvent)new TaskCompletedEvent(-1, Rows.T0, i, i == 7 ? Result : Json((char)('A' + (i % 26)), 100 * 1024)))];
        var episode = new CommitRequest
        {
            Conditions = [InstanceCondition.VersionEquals(Id, 1)],
            InstanceUpserts = [Row(rowVersion: 2, historyLength: events.Length) with { Output = Output }],
            HistoryAppends = [new HistoryAppend(Id, "exec-1", 0, events)],
            InboxDeletes = [1],
        };

        Assert.True(Assert.Single(await harness.Store.CommitAsync([episode], CancellationToken.None)).Committed);

        Assert.Equal(events, await harness.Store.GetHistoryAsync(Id, "exec-1", CancellationToken.None));
        Assert.Equal(Output, (await harness.Store.GetInstanceAsync(Id, true, CancellationToken.None))!.Output);
        Assert.Empty((await harness.Store.LoadRecoveryStateAsync(CancellationToken.None)).Inbox);
    }

    [Fact]
    public async Task CommitAsync_ValueOver8MB_IsRefusedNamingItWithNothingWrittenAndTheRestOfTheBatchCommits()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local);
        CommitRequest huge = new()
        {
            Conditions = [InstanceCondition.Absent(Id)],
            InstanceUpserts = [Row(OrchestrationStatus.Pending) with { Input = Json('h', 9 * 1024 * 1024) }],
            InboxInserts = Start().InboxInserts,
        };

        IReadOnlyList<CommitOutcome> outcomes = await harness.Store.CommitAsync([Rows.Start("before", 10), huge, Rows.Start("after", 11)], CancellationToken.None);

        Assert.Equal([true, false, true], outcomes.Select(o => o.Committed));
        string reason = Assert.IsType<string>(outcomes[1].RefusedReason);
        Assert.Contains($"The row of instance '{Id}' holds a value ('in') of", reason, StringComparison.Ordinal);
        Assert.Contains("up to 8388608 bytes", reason, StringComparison.Ordinal);
        Assert.Null(await harness.Store.GetInstanceAsync(Id, false, CancellationToken.None));
        Assert.Empty(await ChunkItemsAsync(harness, Id));
        Assert.Equal([10L, 11L], (await harness.Store.LoadRecoveryStateAsync(CancellationToken.None)).Inbox.Select(m => m.MessageId));
    }

    [Fact]
    public async Task CommitAsync_PurgeOfAnInstanceWithLargeValues_DeletesItsChunks()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local);
        await harness.Store.CommitAsync([Start()], CancellationToken.None);
        await harness.Store.CommitAsync(
            [new CommitRequest
            {
                Conditions = [InstanceCondition.VersionEquals(Id, 1)],
                InstanceUpserts = [Row(OrchestrationStatus.Completed, rowVersion: 2) with { Output = Output }],
                InboxDeletes = [1],
            }],
            CancellationToken.None);
        Assert.NotEmpty(await ChunkItemsAsync(harness, Id));

        Assert.True(Assert.Single(await harness.Store.CommitAsync([new CommitRequest { Purges = [Id] }], CancellationToken.None)).Committed);

        Assert.Null(await harness.Store.GetInstanceAsync(Id, true, CancellationToken.None));
        Assert.Empty(await ChunkItemsAsync(harness, Id));
    }

    [Fact]
    public async Task GetInstanceAsync_AChunkDeletedOutsideTheStore_FailsNamingTheValue()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local);
        await harness.Store.CommitAsync([Start()], CancellationToken.None);
        foreach (Dictionary<string, AttributeValue> chunk in await ChunkItemsAsync(harness, Id))
        {
            await harness.Client.DeleteItemAsync(harness.TableName, chunk);
        }

        var error = await Assert.ThrowsAsync<InvalidDataException>(() => harness.Store.GetInstanceAsync(Id, true, CancellationToken.None));

        Assert.Contains("of the value 'in' of a task hub item", error.Message, StringComparison.Ordinal);
        Assert.Contains("is missing", error.Message, StringComparison.Ordinal);
    }

    private static void AssertPending(RecoveryState state)
    {
        Assert.Equal(Payload, Assert.IsType<EventRaisedEvent>(Assert.Single(state.Inbox).Event).Input);
        Assert.Equal(ActivityInput, Assert.Single(state.Activities).Input);
    }

    /// <summary>A start of <see cref="Id"/> whose input (in the row and in the start message) is over one item.</summary>
    private static CommitRequest Start() => new()
    {
        Conditions = [InstanceCondition.Absent(Id)],
        InstanceUpserts = [Row(OrchestrationStatus.Pending)],
        InboxInserts = [new InboxMessage(1, Id, new ExecutionStartedEvent(-1, Rows.T0, "Hello", Id, "exec-1", Input), Rows.T0)],
    };

    /// <summary>An episode that consumes the start and writes a large output, custom status, result, activity input and event.</summary>
    private static CommitRequest Episode() => new()
    {
        Conditions = [InstanceCondition.VersionEquals(Id, 1)],
        InstanceUpserts = [Row(rowVersion: 2, historyLength: 1) with { Output = Output, CustomStatus = Status }],
        HistoryAppends = [new HistoryAppend(Id, "exec-1", 0, [new TaskCompletedEvent(-1, Rows.T0, 1, Result)])],
        InboxDeletes = [1],
        InboxInserts = [new InboxMessage(2, Id, new EventRaisedEvent(-1, Rows.T0, "big", Payload), Rows.T0)],
        ActivityInserts = [Rows.Activity(Id, 1) with { Input = ActivityInput }],
    };

    private static InstanceRecord Row(OrchestrationStatus status = OrchestrationStatus.Running, long rowVersion = 1, int historyLength = 0) =>
        Rows.Instance(Id, status, rowVersion: rowVersion, historyLength: historyLength) with { Input = Input };

    /// <summary>A JSON string of about <paramref name="bytes"/> bytes, all <paramref name="fill"/>, so each value has its own content.</summary>
    private static string Json(char fill, int bytes) => "\"" + new string(fill, bytes) + "\"";

    /// <summary>The keys of the chunk items in an instance's partition (a consistent query of the raw table).</summary>
    private static async Task<List<Dictionary<string, AttributeValue>>> ChunkItemsAsync(DynamoDbStoreHarness harness, string instanceId)
    {
        var keys = new List<Dictionary<string, AttributeValue>>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            QueryResponse response = await harness.Client.QueryAsync(new QueryRequest
            {
                TableName = harness.TableName,
                KeyConditionExpression = "pk = :pk AND begins_with(sk, :v)",
                ExpressionAttributeValues = new Dictionary<string, AttributeValue>
                {
                    [":pk"] = new() { S = "I#" + instanceId },
                    [":v"] = new() { S = "V#" },
                },
                ProjectionExpression = "pk, sk",
                ExclusiveStartKey = start,
                ConsistentRead = true,
            });
            keys.AddRange(response.Items ?? []);
            start = response.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);

        return keys;
    }
}
