using DurableAgents.TaskHub.Internal;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.TaskHub.Tests.Engine.Shared;

public sealed class PartitionOwnershipTests
{
    private static readonly DateTime Now = new(2026, 1, 1, 12, 0, 0, DateTimeKind.Utc);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private static PartitionLease Free(int partition) => new(partition, null, 0, DateTime.MinValue);

    private static PartitionTable Table(IEnumerable<PartitionLease> leases, params PartitionMember[] members) => new(leases.ToArray(), members);

    [Fact]
    public void Plan_AloneOnAFreshTable_ClaimsEveryPartition()
    {
        var ownership = new PartitionOwnership("me", 4, Lease);

        BalancePlan plan = ownership.Plan(Table(Enumerable.Range(0, 4).Select(Free), new PartitionMember("me", Now.AddSeconds(30))), Now);

        Assert.Equal(4, plan.FairShare);
        Assert.Equal([0, 1, 2, 3], plan.Claim.Select(l => l.Partition).Order());
        Assert.Empty(plan.Release);
    }

    [Fact]
    public void Plan_ASecondLiveMember_ReleasesTheHighestPartitionsAboveTheFairShare()
    {
        var ownership = new PartitionOwnership("me", 4, Lease);
        PartitionLease[] mine = Enumerable.Range(0, 4).Select(p => new PartitionLease(p, "me", 1, Now.AddSeconds(20))).ToArray();
        foreach (PartitionLease lease in mine)
        {
            ownership.MarkHeld(lease);
        }

        BalancePlan plan = ownership.Plan(Table(mine, new PartitionMember("me", Now.AddSeconds(30)), new PartitionMember("other", Now.AddSeconds(30))), Now);

        Assert.Equal(2, plan.FairShare);
        Assert.Equal([3, 2], plan.Release.Select(l => l.Partition));
        Assert.Equal([0, 1], plan.Keep.Select(l => l.Partition));
        Assert.Empty(plan.Claim);
    }

    [Fact]
    public void Plan_ExpiredMembersAndLeases_DoNotCountAndAreClaimed()
    {
        var ownership = new PartitionOwnership("me", 3, Lease);
        PartitionLease[] leases =
        [
            new(0, "gone", 4, Now.AddSeconds(-1)),
            new(1, "alive", 2, Now.AddSeconds(10)),
            new(2, null, 7, Now.AddSeconds(-100)),
        ];

        BalancePlan plan = ownership.Plan(Table(leases, new PartitionMember("gone", Now.AddSeconds(-1)), new PartitionMember("alive", Now.AddSeconds(5))), Now);

        Assert.Equal(2, plan.LiveMembers);
        Assert.Equal(2, plan.FairShare);
        Assert.Equal([0, 2], plan.Claim.Select(l => l.Partition).Order());
        Assert.Equal(4, plan.Claim.Single(l => l.Partition == 0).Epoch);
    }

    [Fact]
    public void Plan_AHeldLeaseWithAnotherOwnerOrEpochInTheTable_IsLost()
    {
        var ownership = new PartitionOwnership("me", 2, Lease);
        ownership.MarkHeld(new PartitionLease(0, "me", 1, Now.AddSeconds(20)));
        ownership.MarkHeld(new PartitionLease(1, "me", 1, Now.AddSeconds(20)));

        BalancePlan plan = ownership.Plan(Table([new(0, "other", 2, Now.AddSeconds(20)), new(1, "me", 1, Now.AddSeconds(20))]), Now);

        Assert.Equal([0], plan.Lost);
        Assert.Equal([1], plan.Keep.Select(l => l.Partition));
    }

    [Fact]
    public void PastSafePoint_IsAThirdOfTheLeaseBeforeExpiry()
    {
        var ownership = new PartitionOwnership("me", 2, Lease);
        ownership.MarkHeld(new PartitionLease(0, "me", 1, Now.AddSeconds(10) + TimeSpan.FromMilliseconds(1)));
        ownership.MarkHeld(new PartitionLease(1, "me", 1, Now.AddSeconds(10)));

        Assert.Equal([1], ownership.PastSafePoint(Now));
    }
}
