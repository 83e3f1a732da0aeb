using Amazon.DynamoDBv2.Model;
using DurableAgents.History;
using DurableAgents.Storage.Conformance.Tests.Suite;
using DurableAgents.Storage.DynamoDb;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.Storage.Conformance.Tests.DynamoDb;

/// <summary>What only the DynamoDB store has: item and transaction limits, split commits and their crash safety, table creation, usage counts.</summary>
public sealed class DynamoDbStoreLimitTests(DynamoDbLocalFixture local) : IClassFixture<DynamoDbLocalFixture>
{
    private const int Consumed = 150;
    private const int Activities = 200;
    private const int Events = 250;
    private const int Sent = 20;

    [Fact]
    public async Task CommitAsync_EventOver8MB_RefusesThatRequestNamingTheItemAndCommitsTheRestOfTheBatch()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local);
        var huge = new TaskCompletedEvent(-1, Rows.T0, 1, "\"" + new string('x', 9 * 1024 * 1024) + "\"");

        IReadOnlyList<CommitOutcome> outcomes = await harness.Store.CommitAsync(
            [Rows.Start("before", 1), new CommitRequest { HistoryAppends = [new HistoryAppend("big", "exec-1", 0, [huge])] }, Rows.Start("after", 2)],
            CancellationToken.None);

        Assert.Equal([true, false, true], outcomes.Select(o => o.Committed));
        Assert.Null(outcomes[0].RefusedReason);
        string reason = Assert.IsType<string>(outcomes[1].RefusedReason);
        Assert.Contains("History event 0 (TaskCompletedEvent) of instance 'big'", reason, StringComparison.Ordinal);
        Assert.Contains("holds a value ('ev') of", reason, StringComparison.Ordinal);
        Assert.Contains("up to 8388608 bytes", reason, StringComparison.Ordinal);
        Assert.Contains("Pass a smaller payload", reason, StringComparison.Ordinal);
        Assert.NotNull(await harness.Store.GetInstanceAsync("before", false, CancellationToken.None));
        Assert.NotNull(await harness.Store.GetInstanceAsync("after", false, CancellationToken.None));
        Assert.Empty(await harness.Store.GetHistoryAsync("big", "exec-1", CancellationToken.None));
        Assert.Equal([1L, 2L], (await harness.Store.LoadRecoveryStateAsync(CancellationToken.None)).Inbox.Select(m => m.MessageId));
    }

    [Fact]
    public async Task CommitAsync_MessageOver8MB_IsRefusedBeforeAnythingOfItIsWritten()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local);
        await harness.Store.CommitAsync([Rows.Start("target", 1)], CancellationToken.None);
        var raised = new EventRaisedEvent(-1, Rows.T0, "big", "\"" + new string('x', 9 * 1024 * 1024) + "\"");

        CommitOutcome outcome = Assert.Single(await harness.Store.CommitAsync(
            [new CommitRequest { InboxInserts = [new InboxMessage(2, "target", raised, Rows.T0)] }],
            CancellationToken.None));

        Assert.False(outcome.Committed);
        Assert.Contains("Inbox message 2 (EventRaisedEvent) for instance 'target'", outcome.RefusedReason, StringComparison.Ordinal);
        Assert.Equal([1L], (await harness.Store.LoadRecoveryStateAsync(CancellationToken.None)).Inbox.Select(m => m.MessageId));
    }

    [Fact]
    public async Task CommitAsync_OversizedRequestChangingTwoInstanceRows_IsRefusedAndWritesNothing()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local);

        CommitOutcome outcome = Assert.Single(await harness.Store.CommitAsync(
            [new CommitRequest
            {
                InstanceUpserts = [Rows.Instance("a"), Rows.Instance("b")],
                ActivityInserts = [.. Enumerable.Range(1, 120).Select(i => Rows.Activity("a", i))],
            }],
            CancellationToken.None));

        Assert.False(outcome.Committed);
        Assert.Contains("only a commit that changes one instance row can be split", outcome.RefusedReason, StringComparison.Ordinal);
        Assert.Null(await harness.Store.GetInstanceAsync("a", false, CancellationToken.None));
        Assert.Empty((await harness.Store.LoadRecoveryStateAsync(CancellationToken.None)).Activities);
    }

    [Fact]
    public async Task CommitAsync_EpisodeStartingSixtySubOrchestrations_IsRefusedSayingWhatToDoAndTheOtherRequestsCommit()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local);
        await harness.Store.CommitAsync([Rows.Start("parent", 1)], CancellationToken.None);
        string[] children = [.. Enumerable.Range(1, 60).Select(i => $"child-{i}")];

        // Each child is a row and a start message: 121 items with the parent's row, and two or more rows cannot be split.
        IReadOnlyList<CommitOutcome> outcomes = await harness.Store.CommitAsync(
            [new CommitRequest
            {
                Conditions = [InstanceCondition.VersionEquals("parent", 1)],
                InstanceUpserts = [Rows.Instance("parent", rowVersion: 2), .. children.Select(id => Rows.Instance(id))],
                InboxInserts = [.. children.Select((id, i) => Rows.Message(100 + i, id))],
            },
            Rows.Start("neighbour", 2)],
            CancellationToken.None);

        Assert.False(outcomes[0].Committed);
        Assert.Contains("61 instance rows", outcomes[0].RefusedReason, StringComparison.Ordinal);
        Assert.Contains("this episode starts 60 at once: start them in waves", outcomes[0].RefusedReason, StringComparison.Ordinal);
        Assert.True(outcomes[1].Committed);
        Assert.Equal(1, (await harness.Store.GetInstanceAsync("parent", false, CancellationToken.None))!.RowVersion);
        Assert.Null(await harness.Store.GetInstanceAsync("child-1", false, CancellationToken.None));
        Assert.NotNull(await harness.Store.GetInstanceAsync("neighbour", false, CancellationToken.None));
        Assert.Equal([1L, 2L], (await harness.Store.LoadRecoveryStateAsync(CancellationToken.None)).Inbox.Select(m => m.MessageId));
    }

    [Fact]
    public async Task CommitAsync_EpisodeOverOneTransaction_CommitsEverythingAsASplitCommit()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local);
        await PrepareFanOutAsync(harness);

        CommitOutcome outcome = Assert.Single(await harness.Store.CommitAsync([BigEpisode()], CancellationToken.None));

        Assert.True(outcome.Committed);
        await AssertEpisodeAppliedOnceAsync(harness);
        Assert.Empty(await TaggedItemsAsync(harness));
    }

    [Fact]
    public async Task CommitAsync_SplitCommitWithAStaleRowVersion_FailsItsConditionAndLeavesNothing()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local);
        await PrepareFanOutAsync(harness);
        CommitRequest stale = BigEpisode();
        stale = new CommitRequest
        {
            Conditions = [InstanceCondition.VersionEquals("fan", 7)],
            InstanceUpserts = stale.InstanceUpserts,
            HistoryAppends = stale.HistoryAppends,
            InboxDeletes = stale.InboxDeletes,
            InboxInserts = stale.InboxInserts,
            ActivityInserts = stale.ActivityInserts,
        };

        CommitOutcome outcome = Assert.Single(await harness.Store.CommitAsync([stale], CancellationToken.None));

        Assert.Equal(InstanceCondition.VersionEquals("fan", 7), outcome.FailedCondition);
        await AssertEpisodeNotAppliedAsync(harness);
    }

    [Fact]
    public async Task CommitAsync_SplitCommitInterruptedBeforeItsFinalTransaction_RecoveryShowsNothingOfItAndARetryAppliesOnce()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local);
        await PrepareFanOutAsync(harness);
        harness.DynamoStore.SplitCommitFault = point => point == "ahead-written" ? throw new IOException("crash before the final transaction") : Task.CompletedTask;

        await Assert.ThrowsAsync<IOException>(() => harness.Store.CommitAsync([BigEpisode()], CancellationToken.None));
        Assert.NotEmpty(await TaggedItemsAsync(harness));
        await harness.ReopenAsync();

        await AssertEpisodeNotAppliedAsync(harness);
        Assert.Empty(await TaggedItemsAsync(harness));
        Assert.True(Assert.Single(await harness.Store.CommitAsync([BigEpisode()], CancellationToken.None)).Committed);
        await AssertEpisodeAppliedOnceAsync(harness);
    }

    [Fact]
    public async Task CommitAsync_SplitCommitWhoseCleanUpFails_ReportsSuccessAndTheNextCommitWithoutReopeningKeepsIt()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local);
        await PrepareFanOutAsync(harness);
        harness.DynamoStore.SplitCommitFault = point => point == "final-written" ? throw new IOException("clean-up failed") : Task.CompletedTask;

        // The final transaction applied, so the commit succeeded even though the clean-up did not run.
        Assert.True(Assert.Single(await harness.Store.CommitAsync([BigEpisode()], CancellationToken.None)).Committed);
        Assert.NotEmpty(await TaggedItemsAsync(harness));
        harness.DynamoStore.SplitCommitFault = null;

        // The next ordinary commit replaces the row (and the split commit's token) in the same process: what the split
        // commit wrote must be settled first, by key, and stay.
        Assert.True(Assert.Single(await harness.Store.CommitAsync(
            [new CommitRequest
            {
                Conditions = [InstanceCondition.VersionEquals("fan", 2)],
                InstanceUpserts = [Rows.Instance("fan", rowVersion: 3, historyLength: Events)],
            }],
            CancellationToken.None)).Committed);
        Assert.Empty(await TaggedItemsAsync(harness));
        await AssertEpisodeAppliedOnceAsync(harness, rowVersion: 3);
    }

    [Fact]
    public async Task CommitAsync_SplitCommitWhoseRowChangesBeforeItsFinalTransaction_FailsItsConditionAndUndoesTheAheadWrites()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local);
        await PrepareFanOutAsync(harness);
        using var client = local.CreateClient();
        harness.DynamoStore.SplitCommitFault = async point =>
        {
            if (point == "ahead-written")
            {
                // Another writer bumps the row version between the condition read and the final transaction.
                await client.UpdateItemAsync(new UpdateItemRequest
                {
                    TableName = harness.DynamoStore.TableName,
                    Key = new Dictionary<string, AttributeValue> { ["pk"] = new() { S = "I#fan" }, ["sk"] = new() { S = "#" } },
                    UpdateExpression = "SET rv = :v",
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue> { [":v"] = new() { N = "5" } },
                });
            }
        };

        CommitOutcome outcome = Assert.Single(await harness.Store.CommitAsync([BigEpisode()], CancellationToken.None));

        Assert.Equal(InstanceCondition.VersionEquals("fan", 1), outcome.FailedCondition);
        Assert.Empty(await TaggedItemsAsync(harness));
        harness.DynamoStore.SplitCommitFault = null;
        Assert.Empty(await harness.Store.GetHistoryAsync("fan", "exec-1", CancellationToken.None));
        RecoveryState state = await harness.Store.LoadRecoveryStateAsync(CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, Consumed).Select(i => (long)i), state.Inbox.Select(m => m.MessageId));
        Assert.Empty(state.Activities);
    }

    [Fact]
    public async Task CommitAsync_SplitCommitOfANewExecutionInterrupted_LeavesTheCurrentExecutionsHistoryIntact()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local);
        HistoryEvent[] current = [Rows.Started("can"), Rows.Scheduled(1), Rows.Completed(1)];
        await harness.Store.CommitAsync(
            [new CommitRequest
            {
                InstanceUpserts = [Rows.Instance("can", historyLength: current.Length)],
                HistoryAppends = [new HistoryAppend("can", "exec-1", 0, current)],
            }],
            CancellationToken.None);
        HistoryEvent[] next = [Rows.Started("can", "exec-2"), .. Enumerable.Range(1, Events).Select(i => (HistoryEvent)Rows.Scheduled(i))];
        var continueAsNew = new CommitRequest
        {
            Conditions = [InstanceCondition.VersionEquals("can", 1)],
            HistoryDeletes = ["can"],
            InstanceUpserts = [Rows.Instance("can", rowVersion: 2, historyLength: next.Length, executionId: "exec-2")],
            HistoryAppends = [new HistoryAppend("can", "exec-2", 0, next)],
        };
        harness.DynamoStore.SplitCommitFault = point => point == "ahead-written" ? throw new IOException("crash before the final transaction") : Task.CompletedTask;

        await Assert.ThrowsAsync<IOException>(() => harness.Store.CommitAsync([continueAsNew], CancellationToken.None));
        await harness.ReopenAsync();

        Assert.Equal(current, await harness.Store.GetHistoryAsync("can", "exec-1", CancellationToken.None));
        Assert.True(Assert.Single(await harness.Store.CommitAsync([continueAsNew], CancellationToken.None)).Committed);
        Assert.Empty(await harness.Store.GetHistoryAsync("can", "exec-1", CancellationToken.None));
        Assert.Equal(next, await harness.Store.GetHistoryAsync("can", "exec-2", CancellationToken.None));
    }

    [Fact]
    public async Task CommitAsync_Start_ReportsRequestsAndConsumedWriteUnits()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local);
        long requestsBefore = harness.DynamoStore.Usage.Requests;

        await harness.Store.CommitAsync([Rows.Start("a", 1)], CancellationToken.None);

        Assert.Equal(requestsBefore + 1, harness.DynamoStore.Usage.Requests);
        // A transactional write costs 2 units per item of up to 1 KB: the instance row and the inbox message.
        Assert.True(harness.DynamoStore.Usage.WriteUnits >= 4, $"write units {harness.DynamoStore.Usage.WriteUnits}");
    }

    [Fact]
    public async Task InitializeAsync_MissingTableWithCreateTableOff_ThrowsNamingTheTableAndTheSetting()
    {
        using var client = local.CreateClient();
        var options = new DynamoDbTaskHubStoreOptions { TablePrefix = $"missing{Guid.NewGuid():N}-", CreateTable = false };
        await using var store = new DynamoDbTaskHubStore(options, client);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => store.InitializeAsync(CancellationToken.None));

        Assert.Contains(options.TableName, error.Message, StringComparison.Ordinal);
        Assert.Contains("TaskHub:DynamoDb:CreateTable", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(options.TableName, (await client.ListTablesAsync()).TableNames ?? []);
    }

    /// <summary>Instance "fan" at row version 1 with <see cref="Consumed"/> waiting messages (more than a transaction holds).</summary>
    private static async Task PrepareFanOutAsync(DynamoDbStoreHarness harness)
    {
        await harness.Store.CommitAsync([Rows.Start("fan", 1)], CancellationToken.None);
        // Unconditional inserts over the transaction limit are written in chunks.
        await harness.Store.CommitAsync(
            [new CommitRequest { InboxInserts = [.. Enumerable.Range(2, Consumed - 1).Select(i => Rows.Message(i, "fan"))] }],
            CancellationToken.None);
        Assert.Equal(Consumed, (await harness.Store.LoadRecoveryStateAsync(CancellationToken.None)).Inbox.Count);
    }

    /// <summary>An episode that consumes every waiting message, appends many events, schedules many activities and messages another instance.</summary>
    private static CommitRequest BigEpisode() => new()
    {
        Conditions = [InstanceCondition.VersionEquals("fan", 1)],
        InstanceUpserts = [Rows.Instance("fan", rowVersion: 2, historyLength: Events)],
        HistoryAppends = [new HistoryAppend("fan", "exec-1", 0, [.. Enumerable.Range(0, Events).Select(i => (HistoryEvent)Rows.Scheduled(i))])],
        InboxDeletes = [.. Enumerable.Range(1, Consumed).Select(i => (long)i)],
        InboxInserts = [.. Enumerable.Range(1000, Sent).Select(i => Rows.Message(i, "other"))],
        ActivityInserts = [.. Enumerable.Range(1, Activities).Select(i => Rows.Activity("fan", i))],
    };

    private static async Task AssertEpisodeAppliedOnceAsync(DynamoDbStoreHarness harness, long rowVersion = 2)
    {
        Assert.Equal(rowVersion, (await harness.Store.GetInstanceAsync("fan", false, CancellationToken.None))!.RowVersion);
        Assert.Equal(Enumerable.Range(0, Events).Select(i => (HistoryEvent)Rows.Scheduled(i)), await harness.Store.GetHistoryAsync("fan", "exec-1", CancellationToken.None));
        RecoveryState state = await harness.Store.LoadRecoveryStateAsync(CancellationToken.None);
        Assert.Equal(Enumerable.Range(1000, Sent).Select(i => (long)i), state.Inbox.Select(m => m.MessageId));
        Assert.Equal(Enumerable.Range(1, Activities), state.Activities.Select(a => a.TaskId).Order());
    }

    private static async Task AssertEpisodeNotAppliedAsync(DynamoDbStoreHarness harness)
    {
        InstanceRecord row = (await harness.Store.GetInstanceAsync("fan", false, CancellationToken.None))!;
        Assert.Equal((1L, 0), (row.RowVersion, row.HistoryLength));
        Assert.Empty(await harness.Store.GetHistoryAsync("fan", "exec-1", CancellationToken.None));
        RecoveryState state = await harness.Store.LoadRecoveryStateAsync(CancellationToken.None);
        Assert.Equal(Enumerable.Range(1, Consumed).Select(i => (long)i), state.Inbox.Select(m => m.MessageId));
        Assert.Empty(state.Activities);
    }

    /// <summary>Items that still carry a split commit's tag or consumed mark (a scan of the raw table).</summary>
    private static async Task<List<Dictionary<string, AttributeValue>>> TaggedItemsAsync(DynamoDbStoreHarness harness)
    {
        var tagged = new List<Dictionary<string, AttributeValue>>();
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
            tagged.AddRange(page.Items ?? []);
            start = page.LastEvaluatedKey is { Count: > 0 } last ? last : null;
        }
        while (start is not null);

        return tagged;
    }
}
