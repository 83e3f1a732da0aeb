using Amazon.DynamoDBv2.Model;
using DurableAgents.History;
using DurableAgents.Storage.Conformance.Tests.Suite;
using DurableAgents.Storage.DynamoDb;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.Storage.Conformance.Tests.DynamoDb;

/// <summary>Commits fenced with a partition lease (<see cref="CommitRequest.Fence"/>) on the DynamoDB store: applied only while the lease is unchanged.</summary>
public sealed class DynamoDbFencedCommitTests(DynamoDbLocalFixture local) : IClassFixture<DynamoDbLocalFixture>
{
    private const string Id = "fenced";
    private static readonly DateTime Expiry = new(2026, 3, 1, 12, 5, 0, DateTimeKind.Utc);

    [Fact]
    public async Task CommitAsync_FencedWithTheCurrentLease_Applies()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local);
        PartitionLease lease = await harness.ClaimPartitionOfAsync(Id, "a", Expiry);
        await Commit(harness, Rows.Start(Id, 1));

        CommitOutcome outcome = await CommitOne(harness, Episode(lease));

        Assert.Equal(CommitOutcome.Success, outcome);
        await AssertEpisodeAppliedAsync(harness);
    }

    [Fact]
    public async Task CommitAsync_FencedWithAStaleEpoch_ReturnsFencedAndWritesNothing()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local);
        PartitionLease stale = await harness.ClaimPartitionOfAsync(Id, "a", Expiry);
        await harness.DynamoStore.TryClaimAsync(stale, "b", Expiry, CancellationToken.None);
        await Commit(harness, Rows.Start(Id, 1));

        CommitOutcome outcome = await CommitOne(harness, Episode(stale));

        Assert.Equal(CommitOutcome.Fenced(stale), outcome);
        await AssertEpisodeNotAppliedAsync(harness);
    }

    [Fact]
    public async Task CommitAsync_FencedWithAStaleEpochAndAFailingCondition_ReportsFenced()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local);
        PartitionLease stale = await harness.ClaimPartitionOfAsync(Id, "a", Expiry);
        await harness.DynamoStore.TryClaimAsync(stale, "b", Expiry, CancellationToken.None);
        await Commit(harness, Rows.Start(Id, 1));
        CommitRequest episode = Episode(stale);

        CommitOutcome outcome = await CommitOne(harness, With(episode, [InstanceCondition.VersionEquals(Id, 9)], stale));

        Assert.Equal(CommitOutcome.Fenced(stale), outcome);
        await AssertEpisodeNotAppliedAsync(harness);
    }

    [Fact]
    public async Task CommitAsync_FencedByAReleasedLease_ReturnsFenced()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local);
        PartitionLease lease = await harness.ClaimPartitionOfAsync(Id, "a", Expiry);
        await harness.DynamoStore.ReleaseAsync(lease, CancellationToken.None);
        await Commit(harness, Rows.Start(Id, 1));

        CommitOutcome outcome = await CommitOne(harness, Episode(lease));

        Assert.Equal(CommitOutcome.Fenced(lease), outcome);
        await AssertEpisodeNotAppliedAsync(harness);
    }

    [Fact]
    public async Task CommitAsync_BatchWithAFencedRequestBetweenOthers_AppliesTheOthers()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local);
        PartitionLease stale = await harness.ClaimPartitionOfAsync(Id, "a", Expiry);
        await harness.DynamoStore.TryClaimAsync(stale, "b", Expiry, CancellationToken.None);
        await Commit(harness, Rows.Start(Id, 1));

        IReadOnlyList<CommitOutcome> outcomes = await harness.Store.CommitAsync(
            [Rows.Start("before", 50), Episode(stale), Rows.Start("after", 51)], CancellationToken.None);

        Assert.Equal([CommitOutcome.Success, CommitOutcome.Fenced(stale), CommitOutcome.Success], outcomes);
        Assert.NotNull(await harness.Store.GetInstanceAsync("before", false, CancellationToken.None));
        Assert.NotNull(await harness.Store.GetInstanceAsync("after", false, CancellationToken.None));
        await AssertEpisodeNotAppliedAsync(harness);
    }

    [Fact]
    public async Task CommitAsync_FenceNamingAPartitionOutsideTheHub_ThrowsAndWritesNothingOfTheBatch()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local, partitionCount: 4);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => harness.Store.CommitAsync(
            [Rows.Start("fine", 1), With(Rows.Start(Id, 2), null, new PartitionLease(9, "a", 1, Expiry))], CancellationToken.None));

        Assert.Contains("partitions 0 to 3", error.Message, StringComparison.Ordinal);
        Assert.Contains("partition 9", error.Message, StringComparison.Ordinal);
        Assert.Null(await harness.Store.GetInstanceAsync("fine", false, CancellationToken.None));
    }

    [Fact]
    public async Task CommitAsync_FencedPurgeWithAStaleEpoch_ReturnsFencedAndDeletesNothing()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local);
        PartitionLease stale = await harness.ClaimPartitionOfAsync(Id, "a", Expiry);
        await harness.DynamoStore.TryClaimAsync(stale, "b", Expiry, CancellationToken.None);
        await Commit(harness, Rows.Start(Id, 1), Episode(fence: null));

        CommitOutcome outcome = await CommitOne(harness, new CommitRequest { Fence = stale, Purges = [Id] });

        Assert.Equal(CommitOutcome.Fenced(stale), outcome);
        await AssertEpisodeAppliedAsync(harness);
    }

    [Fact]
    public async Task CommitAsync_SplitCommitFencedWithTheCurrentLease_Applies()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local);
        PartitionLease lease = await harness.ClaimPartitionOfAsync(Id, "a", Expiry);
        await Commit(harness, Rows.Start(Id, 1));

        CommitOutcome outcome = await CommitOne(harness, BigEpisode(lease));

        Assert.Equal(CommitOutcome.Success, outcome);
        Assert.Equal(2, (await harness.Store.GetInstanceAsync(Id, false, CancellationToken.None))!.RowVersion);
        Assert.Equal(150, (await harness.Store.LoadRecoveryStateAsync(CancellationToken.None)).Activities.Count);
    }

    [Fact]
    public async Task CommitAsync_SplitCommitFencedWithAStaleEpoch_ReturnsFencedAndWritesNothing()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local);
        PartitionLease stale = await harness.ClaimPartitionOfAsync(Id, "a", Expiry);
        await harness.DynamoStore.TryClaimAsync(stale, "b", Expiry, CancellationToken.None);
        await Commit(harness, Rows.Start(Id, 1));
        int itemsBefore = (await ScanAsync(harness)).Count;

        CommitOutcome outcome = await CommitOne(harness, BigEpisode(stale));

        Assert.Equal(CommitOutcome.Fenced(stale), outcome);
        await AssertBigEpisodeNotAppliedAsync(harness);
        // Refused at the split's start: not even history rows were written ahead.
        Assert.Equal(itemsBefore, (await ScanAsync(harness)).Count);
    }

    [Fact]
    public async Task CommitAsync_SplitCommitWhoseLeaseIsTakenBeforeItsFinalTransaction_ReturnsFencedAndUndoesWhatItWroteAhead()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local);
        PartitionLease lease = await harness.ClaimPartitionOfAsync(Id, "a", Expiry);
        await Commit(harness, Rows.Start(Id, 1));
        int itemsBefore = (await ScanAsync(harness)).Count;
        await using DynamoDbTaskHubStore other = await harness.OpenAnotherAsync();
        harness.DynamoStore.SplitCommitFault = async point =>
        {
            if (point == "ahead-written")
            {
                // Another engine takes the partition over between the lease check and the final transaction.
                Assert.NotNull(await other.TryClaimAsync(lease, "b", Expiry, CancellationToken.None));
            }
        };

        CommitOutcome outcome = await CommitOne(harness, BigEpisode(lease));

        Assert.Equal(CommitOutcome.Fenced(lease), outcome);
        harness.DynamoStore.SplitCommitFault = null;
        await AssertBigEpisodeNotAppliedAsync(harness);
        // History rows written ahead stay past the row's HistoryLength, unread (README "Split commits"); every other item
        // written ahead is gone, and the consumed message is unmarked.
        Assert.Equal(itemsBefore, (await ScanAsync(harness)).Count(i => !i["sk"].S.StartsWith("H#", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task CommitAsync_ChunkedUnconditionalRequestFencedWithAStaleEpoch_ReturnsFencedAndWritesNothing()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local);
        PartitionLease stale = await harness.ClaimPartitionOfAsync(Id, "a", Expiry);
        await harness.DynamoStore.TryClaimAsync(stale, "b", Expiry, CancellationToken.None);

        CommitOutcome outcome = await CommitOne(harness, new CommitRequest
        {
            Fence = stale,
            InboxInserts = [.. Enumerable.Range(1, 120).Select(i => Rows.Message(i, Id))],
        });

        Assert.Equal(CommitOutcome.Fenced(stale), outcome);
        Assert.Empty((await harness.Store.LoadRecoveryStateAsync(CancellationToken.None)).Inbox);
    }

    [Fact]
    public async Task CommitAsync_ChunkedUnconditionalRequestFencedWithTheCurrentLease_WritesEverything()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local);
        PartitionLease lease = await harness.ClaimPartitionOfAsync(Id, "a", Expiry);

        CommitOutcome outcome = await CommitOne(harness, new CommitRequest
        {
            Fence = lease,
            InboxInserts = [.. Enumerable.Range(1, 120).Select(i => Rows.Message(i, Id))],
        });

        Assert.Equal(CommitOutcome.Success, outcome);
        Assert.Equal(120, (await harness.Store.LoadRecoveryStateAsync(CancellationToken.None)).Inbox.Count);
    }

    [Fact]
    public async Task CommitAsync_FencedRequestOfAHundredItems_IsSplitSinceTheFenceIsOneItemMore()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local);
        PartitionLease lease = await harness.ClaimPartitionOfAsync(Id, "a", Expiry);
        await Commit(harness, Rows.Start(Id, 1));
        // The row (its condition folded into its put), the consumed start message and 98 activities are 100 items, all one
        // transaction takes; the fence's check on the lease is the 101st, so this request is written as a split commit.
        var request = new CommitRequest
        {
            Fence = lease,
            Conditions = [InstanceCondition.VersionEquals(Id, 1)],
            InstanceUpserts = [Rows.Instance(Id, rowVersion: 2)],
            InboxDeletes = [1],
            ActivityInserts = [.. Enumerable.Range(1, 98).Select(i => Rows.Activity(Id, i))],
        };
        long requestsBefore = harness.DynamoStore.Usage.Requests;

        CommitOutcome outcome = await CommitOne(harness, request);

        Assert.Equal(CommitOutcome.Success, outcome);
        Assert.True(harness.DynamoStore.Usage.Requests - requestsBefore > 1, "a split commit makes several calls");
        Assert.Equal(98, (await harness.Store.LoadRecoveryStateAsync(CancellationToken.None)).Activities.Count);
    }

    /// <summary>Claims the never-claimed partition of <paramref name="instanceId"/> for <paramref name="owner"/>.</summary>
    /// <summary>The first episode of <see cref="Id"/>: consumes the start message, appends two events, schedules an activity and messages another instance.</summary>
    private static CommitRequest Episode(PartitionLease? fence) => new()
    {
        Fence = fence,
        Conditions = [InstanceCondition.VersionEquals(Id, 1)],
        InstanceUpserts = [Rows.Instance(Id, rowVersion: 2, historyLength: 2)],
        HistoryAppends = [new HistoryAppend(Id, "exec-1", 0, [Rows.Started(Id), Rows.Scheduled(1)])],
        InboxDeletes = [1],
        InboxInserts = [Rows.Message(100, "elsewhere")],
        ActivityInserts = [Rows.Activity(Id, 1)],
    };

    /// <summary>An episode over one transaction's 100 items: 150 activities and 120 history events.</summary>
    private static CommitRequest BigEpisode(PartitionLease fence) => new()
    {
        Fence = fence,
        Conditions = [InstanceCondition.VersionEquals(Id, 1)],
        InstanceUpserts = [Rows.Instance(Id, rowVersion: 2, historyLength: 120)],
        HistoryAppends = [new HistoryAppend(Id, "exec-1", 0, [.. Enumerable.Range(0, 120).Select(i => (HistoryEvent)Rows.Scheduled(i))])],
        InboxDeletes = [1],
        InboxInserts = [.. Enumerable.Range(100, 10).Select(i => Rows.Message(i, "elsewhere"))],
        ActivityInserts = [.. Enumerable.Range(1, 150).Select(i => Rows.Activity(Id, i))],
    };

    private static CommitRequest With(CommitRequest request, IReadOnlyList<InstanceCondition>? conditions, PartitionLease fence) => new()
    {
        Fence = fence,
        Conditions = conditions ?? request.Conditions,
        InstanceUpserts = request.InstanceUpserts,
        HistoryAppends = request.HistoryAppends,
        InboxDeletes = request.InboxDeletes,
        InboxInserts = request.InboxInserts,
        ActivityInserts = request.ActivityInserts,
    };

    private static async Task AssertEpisodeAppliedAsync(DynamoDbStoreHarness harness)
    {
        Assert.Equal(2, (await harness.Store.GetInstanceAsync(Id, false, CancellationToken.None))!.RowVersion);
        Assert.Equal(2, (await harness.Store.GetHistoryAsync(Id, "exec-1", CancellationToken.None)).Count);
        RecoveryState state = await harness.Store.LoadRecoveryStateAsync(CancellationToken.None);
        Assert.Equal([100L], state.Inbox.Select(m => m.MessageId));
        Assert.Equal([1], state.Activities.Select(a => a.TaskId));
    }

    private static async Task AssertEpisodeNotAppliedAsync(DynamoDbStoreHarness harness)
    {
        InstanceRecord row = (await harness.Store.GetInstanceAsync(Id, false, CancellationToken.None))!;
        Assert.Equal((1L, 0, OrchestrationStatus.Pending), (row.RowVersion, row.HistoryLength, row.Status));
        Assert.Empty(await harness.Store.GetHistoryAsync(Id, "exec-1", CancellationToken.None));
        RecoveryState state = await harness.Store.LoadRecoveryStateAsync(CancellationToken.None);
        Assert.Equal([1L], state.Inbox.Where(m => m.InstanceId is Id or "elsewhere").Select(m => m.MessageId));
        Assert.Empty(state.Activities);
    }

    private static async Task AssertBigEpisodeNotAppliedAsync(DynamoDbStoreHarness harness)
    {
        await AssertEpisodeNotAppliedAsync(harness);
        List<Dictionary<string, AttributeValue>> items = await ScanAsync(harness);
        Assert.DoesNotContain(items, i => i.ContainsKey("pt") || i.ContainsKey("ct"));
    }

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

    private static async Task Commit(DynamoDbStoreHarness harness, params CommitRequest[] requests) =>
        Assert.All(await harness.Store.CommitAsync(requests, CancellationToken.None), o => Assert.True(o.Committed));

    private static async Task<CommitOutcome> CommitOne(DynamoDbStoreHarness harness, CommitRequest request) =>
        Assert.Single(await harness.Store.CommitAsync([request], CancellationToken.None));
}
