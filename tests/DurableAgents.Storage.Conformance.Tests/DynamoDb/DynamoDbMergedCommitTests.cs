using DurableAgents.History;
using DurableAgents.Storage.Conformance.Tests.Suite;
using DurableAgents.Storage.DynamoDb.Writing;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.Storage.Conformance.Tests.DynamoDb;

/// <summary>
/// Consecutive requests of a batch that share no item go into one transaction (e.g. an engine's activity results for one
/// instance), on DynamoDB Local; a failing condition among them falls back to one transaction per request.
/// </summary>
public sealed class DynamoDbMergedCommitTests(DynamoDbLocalFixture local) : IClassFixture<DynamoDbLocalFixture>
{
    private const string Id = "merged";
    private static readonly DateTime Expiry = new(2026, 3, 1, 12, 5, 0, DateTimeKind.Utc);

    [Fact]
    public async Task CommitAsync_ActivityResultsOfOneInstance_AreOneTransactionWithOneLeaseCheck()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local);
        PartitionLease lease = await StartWithActivitiesAsync(harness, 30);
        long before = harness.DynamoStore.Usage.Requests;

        IReadOnlyList<CommitOutcome> outcomes = await harness.Store.CommitAsync([.. Enumerable.Range(1, 30).Select(i => Result(lease, i))], CancellationToken.None);

        Assert.All(outcomes, outcome => Assert.Equal(CommitOutcome.Success, outcome));
        // 30 requests of 3 items each (activity delete, result message, lease check) fit one transaction with one check.
        Assert.Equal(before + 1, harness.DynamoStore.Usage.Requests);
        RecoveryState state = await harness.Store.LoadRecoveryStateAsync(CancellationToken.None);
        Assert.Empty(state.Activities);
        Assert.Equal(Enumerable.Range(1, 30).Select(i => 100L + i).Prepend(1), state.Inbox.Select(m => m.MessageId));
    }

    [Fact]
    public async Task CommitAsync_MoreResultsThanOneTransactionHolds_AreSeveralTransactions()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local);
        PartitionLease lease = await StartWithActivitiesAsync(harness, 80);
        long before = harness.DynamoStore.Usage.Requests;

        IReadOnlyList<CommitOutcome> outcomes = await harness.Store.CommitAsync([.. Enumerable.Range(1, 80).Select(i => Result(lease, i))], CancellationToken.None);

        Assert.All(outcomes, outcome => Assert.Equal(CommitOutcome.Success, outcome));
        // 49 requests (98 items and one lease check) per transaction: 49 + 31.
        Assert.Equal(before + 2, harness.DynamoStore.Usage.Requests);
        Assert.Empty((await harness.Store.LoadRecoveryStateAsync(CancellationToken.None)).Activities);
    }

    [Fact]
    public async Task CommitAsync_AFailingConditionAmongMergedRequests_FailsOnlyThatRequest()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local, partitionCount: 1);
        PartitionLease lease = await harness.ClaimPartitionOfAsync("a", "a", Expiry);
        await harness.Store.CommitAsync([Rows.Start("a", 1), Rows.Start("b", 2), Rows.Start("c", 3)], CancellationToken.None);

        IReadOnlyList<CommitOutcome> outcomes = await harness.Store.CommitAsync(
            [Episode(lease, "a", 1, rowVersion: 1), Episode(lease, "b", 2, rowVersion: 7), Episode(lease, "c", 3, rowVersion: 1)],
            CancellationToken.None);

        Assert.Equal([true, false, true], outcomes.Select(o => o.Committed));
        Assert.Equal(CommitOutcome.ConditionFailed(InstanceCondition.VersionEquals("b", 7)), outcomes[1]);
        long[] versions = await Task.WhenAll(new[] { "a", "b", "c" }.Select(async id => (await harness.Store.GetInstanceAsync(id, false, CancellationToken.None))!.RowVersion));
        Assert.Equal([2L, 1L, 2L], versions);
        Assert.Equal([2L], (await harness.Store.LoadRecoveryStateAsync(CancellationToken.None)).Inbox.Select(m => m.MessageId));
    }

    [Fact]
    public async Task CommitAsync_MergedRequestsUnderALeaseTakenOver_AreAllFencedAndWriteNothing()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local);
        PartitionLease stale = await StartWithActivitiesAsync(harness, 3);
        await harness.DynamoStore.TryClaimAsync(stale, "b", Expiry, CancellationToken.None);

        IReadOnlyList<CommitOutcome> outcomes = await harness.Store.CommitAsync([.. Enumerable.Range(1, 3).Select(i => Result(stale, i))], CancellationToken.None);

        Assert.All(outcomes, outcome => Assert.Equal(CommitOutcome.Fenced(stale), outcome));
        Assert.Equal(3, (await harness.Store.LoadRecoveryStateAsync(CancellationToken.None)).Activities.Count);
    }

    [Fact]
    public void TryTake_StopsAtARequestThatTouchesAnItemOfTheRunOrHasAnotherFence()
    {
        PartitionLease lease = new(3, "me", 1, Rows.T0);
        PartitionLease renewed = lease with { ExpiresAt = Rows.T0.AddSeconds(20) };
        PartitionLease other = new(4, "me", 1, Rows.T0);
        RequestTransaction[] transactions = Build(
            Result(lease, 1), Result(renewed, 2), Result(lease, 2), Result(lease, 3), Result(other, 4), Result(null, 5));

        MergedTransaction first = Assert.IsType<MergedTransaction>(MergedTransaction.TryTake(transactions, [0, 1, 2, 3, 4, 5], 0));
        MergedTransaction second = Assert.IsType<MergedTransaction>(MergedTransaction.TryTake(transactions, [0, 1, 2, 3, 4, 5], 2));

        // A renewal changes only the expiry: the same lease. Activity 2 again touches its items: the run ends there.
        Assert.Equal([transactions[0], transactions[1]], first.Requests);
        Assert.Equal(5, first.Items.Count);
        Assert.Equal([transactions[2], transactions[3]], second.Requests);
        Assert.Null(MergedTransaction.TryTake(transactions, [0, 1, 2, 3, 4, 5], 4));
    }

    [Fact]
    public void TryTake_PurgesHistoryDeletesAndRefusedRequests_AreNotMerged()
    {
        CommitRequest refused = new() { InboxInserts = [Rows.Message(9, "x", new EventRaisedEvent(-1, Rows.T0, "big", "\"" + new string('x', 9 * 1024 * 1024) + "\""))] };
        RequestTransaction[] transactions = Build(
            new CommitRequest { Purges = ["p"] }, Rows.Start("a", 1),
            new CommitRequest { HistoryDeletes = ["h"], InstanceUpserts = [Rows.Instance("h")] }, Rows.Start("b", 2),
            refused, Rows.Start("c", 3));

        Assert.Null(MergedTransaction.TryTake(transactions, [0, 1], 0));
        Assert.Null(MergedTransaction.TryTake(transactions, [1, 2], 0));
        Assert.Null(MergedTransaction.TryTake(transactions, [3, 4], 0));
        Assert.Null(MergedTransaction.TryTake(transactions, [4, 5], 0));
        Assert.Equal(2, MergedTransaction.TryTake(transactions, [3, 5], 0)!.Requests.Count);
    }

    /// <summary>Claims the partition of <see cref="Id"/>, then starts it with activities 1 to <paramref name="activities"/> queued.</summary>
    private static async Task<PartitionLease> StartWithActivitiesAsync(DynamoDbStoreHarness harness, int activities)
    {
        PartitionLease lease = await harness.ClaimPartitionOfAsync(Id, "a", Expiry);
        await harness.Store.CommitAsync(
            [Rows.Start(Id, 1), new CommitRequest { ActivityInserts = [.. Enumerable.Range(1, activities).Select(i => Rows.Activity(Id, i))] }],
            CancellationToken.None);
        return lease;
    }

    /// <summary>An activity result as the engine commits it: the activity row goes, the result message comes, under the fence.</summary>
    private static CommitRequest Result(PartitionLease? fence, int taskId) => new()
    {
        Fence = fence,
        ActivityDeletes = [Rows.Activity(Id, taskId).Key],
        InboxInserts = [Rows.Message(100 + taskId, Id, Rows.Completed(taskId))],
    };

    private static CommitRequest Episode(PartitionLease fence, string instanceId, long startMessage, long rowVersion) => new()
    {
        Fence = fence,
        Conditions = [InstanceCondition.VersionEquals(instanceId, rowVersion)],
        InstanceUpserts = [Rows.Instance(instanceId, rowVersion: rowVersion + 1, historyLength: 1)],
        HistoryAppends = [new HistoryAppend(instanceId, "exec-1", 0, [Rows.Started(instanceId)])],
        InboxDeletes = [startMessage],
    };

    private static RequestTransaction[] Build(params CommitRequest[] requests) =>
        [.. requests.Select(request => RequestTransaction.Build(request, "table", 16))];
}
