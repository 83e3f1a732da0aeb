using System.ComponentModel.DataAnnotations;
using Amazon.DynamoDBv2.Model;
using DurableAgents.Storage.Conformance.Tests.Suite;
using DurableAgents.Storage.DynamoDb;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.Storage.Conformance.Tests.DynamoDb;

/// <summary>
/// <see cref="ITaskHubPartitionedStore"/>'s leases, heartbeats and partition count on the DynamoDB store (DynamoDB Local);
/// the SQLite store has one engine and does not implement the contract.
/// </summary>
public sealed class DynamoDbPartitionLeaseTests(DynamoDbLocalFixture local) : IClassFixture<DynamoDbLocalFixture>
{
    private static readonly DateTime Soon = new(2026, 3, 1, 12, 0, 30, DateTimeKind.Utc);
    private static readonly DateTime Later = Soon.AddSeconds(30);

    [Fact]
    public async Task ReadPartitionTableAsync_NewTable_ListsEveryPartitionNeverClaimedAndNoMembers()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local);

        PartitionTable table = await harness.DynamoStore.ReadPartitionTableAsync(CancellationToken.None);

        Assert.Equal(DynamoDbTaskHubStoreOptions.DefaultPartitionCount, harness.DynamoStore.PartitionCount);
        Assert.Equal(Enumerable.Range(0, 16).Select(p => new PartitionLease(p, null, 0, DateTime.MinValue)), table.Leases);
        Assert.Empty(table.Members);
    }

    [Fact]
    public async Task TryClaimAsync_NeverClaimedPartition_ReturnsEpochOneAndTheTableListsIt()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local);
        ITaskHubPartitionedStore store = harness.DynamoStore;
        PartitionLease unclaimed = (await store.ReadPartitionTableAsync(CancellationToken.None)).Leases[3];

        PartitionLease? claimed = await store.TryClaimAsync(unclaimed, "a", Soon, CancellationToken.None);

        Assert.Equal(new PartitionLease(3, "a", 1, Soon), claimed);
        PartitionTable table = await store.ReadPartitionTableAsync(CancellationToken.None);
        Assert.Equal(claimed, table.Leases[3]);
        Assert.All(table.Leases.Where(l => l.Partition != 3), l => Assert.Null(l.Owner));
    }

    [Fact]
    public async Task TryClaimAsync_WithALeaseAnotherEngineReplacedMeanwhile_ReturnsNullAndKeepsTheWinner()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local);
        await using DynamoDbTaskHubStore other = await harness.OpenAnotherAsync();
        PartitionLease unclaimed = (await harness.DynamoStore.ReadPartitionTableAsync(CancellationToken.None)).Leases[0];

        PartitionLease? first = await harness.DynamoStore.TryClaimAsync(unclaimed, "a", Soon, CancellationToken.None);
        PartitionLease? raced = await other.TryClaimAsync(unclaimed, "b", Later, CancellationToken.None);
        PartitionLease? takeover = await other.TryClaimAsync(first!, "b", Later, CancellationToken.None);
        PartitionLease? stale = await harness.DynamoStore.TryClaimAsync(first!, "a", Later, CancellationToken.None);

        Assert.Null(raced);
        Assert.Equal(new PartitionLease(0, "b", 2, Later), takeover);
        Assert.Null(stale);
        Assert.Equal(takeover, (await harness.DynamoStore.ReadPartitionTableAsync(CancellationToken.None)).Leases[0]);
    }

    [Fact]
    public async Task TryRenewAsync_ByTheOwner_ExtendsTheExpiryAndKeepsTheEpoch()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local);
        ITaskHubPartitionedStore store = harness.DynamoStore;
        PartitionLease held = (await ClaimAsync(store, 5, "a", Soon))!;

        PartitionLease? renewed = await store.TryRenewAsync(held, Later, CancellationToken.None);

        Assert.Equal(new PartitionLease(5, "a", 1, Later), renewed);
        Assert.Equal(renewed, (await store.ReadPartitionTableAsync(CancellationToken.None)).Leases[5]);
    }

    [Fact]
    public async Task TryRenewAsync_AfterAnotherEngineClaimedThePartition_ReturnsNullAndChangesNothing()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local);
        ITaskHubPartitionedStore store = harness.DynamoStore;
        PartitionLease held = (await ClaimAsync(store, 1, "a", Soon))!;
        PartitionLease takeover = (await store.TryClaimAsync(held, "b", Soon, CancellationToken.None))!;

        PartitionLease? renewed = await store.TryRenewAsync(held, Later, CancellationToken.None);

        Assert.Null(renewed);
        Assert.Equal(takeover, (await store.ReadPartitionTableAsync(CancellationToken.None)).Leases[1]);
    }

    [Fact]
    public async Task ReleaseAsync_ThenAnotherEngineClaims_GetsTheNextEpoch()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local);
        ITaskHubPartitionedStore store = harness.DynamoStore;
        PartitionLease held = (await ClaimAsync(store, 2, "a", Later))!;

        await store.ReleaseAsync(held, CancellationToken.None);
        PartitionLease released = (await store.ReadPartitionTableAsync(CancellationToken.None)).Leases[2];
        PartitionLease? renewedAfterRelease = await store.TryRenewAsync(held, Later, CancellationToken.None);
        PartitionLease? claimed = await store.TryClaimAsync(released, "b", Later, CancellationToken.None);

        Assert.Equal(new PartitionLease(2, null, 1, DateTime.MinValue), released);
        Assert.Null(renewedAfterRelease);
        Assert.Equal(new PartitionLease(2, "b", 2, Later), claimed);
    }

    [Fact]
    public async Task ReleaseAsync_OfALeaseAnotherEngineTookOver_LeavesTheNewOwnersLease()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local);
        ITaskHubPartitionedStore store = harness.DynamoStore;
        PartitionLease held = (await ClaimAsync(store, 7, "a", Soon))!;
        PartitionLease takeover = (await store.TryClaimAsync(held, "b", Later, CancellationToken.None))!;

        await store.ReleaseAsync(held, CancellationToken.None);

        Assert.Equal(takeover, (await store.ReadPartitionTableAsync(CancellationToken.None)).Leases[7]);
    }

    [Fact]
    public async Task HeartbeatAsync_AndLeaveAsync_ListEachMemberWithItsLatestExpiryUntilItLeaves()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local);
        ITaskHubPartitionedStore store = harness.DynamoStore;

        await store.HeartbeatAsync("a", Soon, CancellationToken.None);
        await store.HeartbeatAsync("b", Soon, CancellationToken.None);
        await store.HeartbeatAsync("a", Later, CancellationToken.None);
        PartitionTable both = await store.ReadPartitionTableAsync(CancellationToken.None);
        await store.LeaveAsync("a", CancellationToken.None);
        await store.LeaveAsync("never-joined", CancellationToken.None);
        PartitionTable afterLeave = await store.ReadPartitionTableAsync(CancellationToken.None);

        Assert.Equal([new PartitionMember("a", Later), new PartitionMember("b", Soon)], both.Members.OrderBy(m => m.Owner, StringComparer.Ordinal));
        Assert.Equal([new PartitionMember("b", Soon)], afterLeave.Members);
        Assert.Equal(16, afterLeave.Leases.Count);
    }

    [Fact]
    public async Task ForgetAsync_RemovesAHeartbeatOnlyWhileItHasTheExpiryRead()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local);
        ITaskHubPartitionedStore store = harness.DynamoStore;
        await store.HeartbeatAsync("crashed", Soon, CancellationToken.None);
        await store.HeartbeatAsync("paused", Soon, CancellationToken.None);
        await store.HeartbeatAsync("paused", Later, CancellationToken.None);

        bool crashed = await store.ForgetAsync(new PartitionMember("crashed", Soon), CancellationToken.None);
        bool paused = await store.ForgetAsync(new PartitionMember("paused", Soon), CancellationToken.None);
        bool absent = await store.ForgetAsync(new PartitionMember("never-joined", Soon), CancellationToken.None);

        Assert.Equal((true, false, false), (crashed, paused, absent));
        Assert.Equal([new PartitionMember("paused", Later)], (await store.ReadPartitionTableAsync(CancellationToken.None)).Members);
    }

    [Fact]
    public async Task TryClaimAsync_PartitionOutsideTheHub_ThrowsNamingTheRange()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local, partitionCount: 4);

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() =>
            harness.DynamoStore.TryClaimAsync(new PartitionLease(4, null, 0, DateTime.MinValue), "a", Soon, CancellationToken.None));

        Assert.Contains("partitions 0 to 3", error.Message, StringComparison.Ordinal);
        Assert.All((await harness.DynamoStore.ReadPartitionTableAsync(CancellationToken.None)).Leases, l => Assert.Null(l.Owner));
    }

    [Fact]
    public async Task InitializeAsync_ConfiguredPartitionCountDifferentFromTheTables_FailsNamingBoth()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local, partitionCount: 8);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => harness.OpenAnotherAsync(partitionCount: 32));

        Assert.Contains($"'{harness.TableName}' has 8 partitions", error.Message, StringComparison.Ordinal);
        Assert.Contains("TaskHub:DynamoDb:PartitionCount is 32", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InitializeAsync_InstancesButNoHubSettingsItem_RefusesToStartAndWritesNothing()
    {
        // A table from before the partitioned layout: instance rows, no HUB/META item.
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local, partitionCount: 8);
        await harness.Store.CommitAsync([Rows.Start("old-instance", 1)], CancellationToken.None);
        Dictionary<string, AttributeValue> settingsKey = new() { ["pk"] = new AttributeValue("HUB"), ["sk"] = new AttributeValue("META") };
        await harness.Client.DeleteItemAsync(new DeleteItemRequest { TableName = harness.TableName, Key = settingsKey });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => harness.OpenAnotherAsync());

        Assert.Contains($"'{harness.TableName}' has instances but no hub settings item", error.Message, StringComparison.Ordinal);
        Assert.Contains("delete the table", error.Message, StringComparison.Ordinal);
        GetItemResponse settings = await harness.Client.GetItemAsync(new GetItemRequest { TableName = harness.TableName, Key = settingsKey, ConsistentRead = true });
        Assert.True(settings.Item is null or { Count: 0 });
    }

    [Fact]
    public async Task InitializeAsync_PartitionCountUnsetOrEqual_UsesTheTablesCount()
    {
        await using DynamoDbStoreHarness harness = await DynamoDbStoreHarness.CreateAsync(local, partitionCount: 8);

        await using DynamoDbTaskHubStore unset = await harness.OpenAnotherAsync();
        await using DynamoDbTaskHubStore same = await harness.OpenAnotherAsync(partitionCount: 8);

        Assert.Equal(8, unset.PartitionCount);
        Assert.Equal(8, same.PartitionCount);
        Assert.Equal(8, (await unset.ReadPartitionTableAsync(CancellationToken.None)).Leases.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1025)]
    public void Constructor_PartitionCountOutOfRange_ThrowsSayingTheRange(int count)
    {
        using var client = local.CreateClient();

        var error = Assert.Throws<ValidationException>(() =>
            new DynamoDbTaskHubStore(new DynamoDbTaskHubStoreOptions { PartitionCount = count }, client));

        Assert.Contains("PartitionCount must be between 1 and 1024", error.Message, StringComparison.Ordinal);
    }

    private static async Task<PartitionLease?> ClaimAsync(ITaskHubPartitionedStore store, int partition, string owner, DateTime expiresAt) =>
        await store.TryClaimAsync(new PartitionLease(partition, null, 0, DateTime.MinValue), owner, expiresAt, CancellationToken.None);
}
