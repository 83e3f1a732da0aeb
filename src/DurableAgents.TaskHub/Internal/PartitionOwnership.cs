using DurableAgents.TaskHub.Storage;

namespace DurableAgents.TaskHub.Internal;

/// <summary>
/// Which partitions of a shared task hub this engine holds, and the balancing rule: every live engine (unexpired
/// heartbeat) gets at most ceil(partitions / live engines); an engine under its share claims free, released and expired
/// partitions, one over its share releases the excess. Guarded by the engine's lock; the store calls are the engine's.
/// </summary>
internal sealed class PartitionOwnership
{
    private readonly Dictionary<int, PartitionLease> _held = [];
    private readonly TimeSpan _leaseDuration;

    public PartitionOwnership(string ownerId, int partitionCount, TimeSpan leaseDuration)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(partitionCount, 1);
        OwnerId = ownerId;
        PartitionCount = partitionCount;
        _leaseDuration = leaseDuration;
    }

    public string OwnerId { get; }

    public int PartitionCount { get; }

    public int HeldCount => _held.Count;

    public int[] HeldPartitions => _held.Keys.Order().ToArray();

    public IReadOnlyCollection<PartitionLease> HeldLeases => _held.Values.ToArray();

    public int PartitionOf(string instanceId) => TaskHubPartitions.Of(instanceId, PartitionCount);

    public bool Holds(int partition) => _held.ContainsKey(partition);

    public bool HoldsInstance(string instanceId) => _held.ContainsKey(PartitionOf(instanceId));

    public PartitionLease? LeaseOf(int partition) => _held.GetValueOrDefault(partition);

    /// <summary>True when <paramref name="lease"/> is exactly the lease held for its partition (same epoch).</summary>
    public bool IsHeld(PartitionLease lease) => _held.TryGetValue(lease.Partition, out PartitionLease? held) && held.Epoch == lease.Epoch;

    public void MarkHeld(PartitionLease lease) => _held[lease.Partition] = lease;

    public bool Drop(int partition) => _held.Remove(partition);

    /// <summary>
    /// True once <paramref name="now"/> is within a third of the lease duration of the lease's expiry: another engine
    /// whose clock runs ahead may already see it expired and claim it, so the holder stops using it (self-fencing).
    /// </summary>
    public bool IsPastSafePoint(PartitionLease lease, DateTime now) => now >= lease.ExpiresAt - (_leaseDuration / 3);

    /// <summary>Held partitions whose lease could not be renewed before its safe point.</summary>
    public int[] PastSafePoint(DateTime now) => _held.Values.Where(l => IsPastSafePoint(l, now)).Select(l => l.Partition).Order().ToArray();

    /// <summary>Decides one balancing round from the table the store returned.</summary>
    public BalancePlan Plan(PartitionTable table, DateTime now)
    {
        var keep = new List<PartitionLease>();
        var lost = new List<int>();
        var byPartition = table.Leases.ToDictionary(l => l.Partition);
        foreach (PartitionLease held in _held.Values.OrderBy(l => l.Partition))
        {
            if (byPartition.TryGetValue(held.Partition, out PartitionLease? current) && current.Owner == OwnerId && current.Epoch == held.Epoch)
            {
                keep.Add(held);
            }
            else
            {
                lost.Add(held.Partition);
            }
        }

        int live = 1 + table.Members.Count(m => m.ExpiresAt > now && !string.Equals(m.Owner, OwnerId, StringComparison.Ordinal));
        int fairShare = (PartitionCount + live - 1) / live;
        var release = new List<PartitionLease>();
        while (keep.Count > fairShare)
        {
            // The highest numbers go, so which ones move is predictable in logs and tests.
            release.Add(keep[^1]);
            keep.RemoveAt(keep.Count - 1);
        }

        var claim = new List<PartitionLease>();
        if (keep.Count < fairShare)
        {
            // Start at an offset of our own, so engines that look for free partitions at the same time rarely race for the same ones.
            int count = table.Leases.Count;
            int offset = count == 0 ? 0 : (int)((uint)StringComparer.Ordinal.GetHashCode(OwnerId) % (uint)count);
            for (int i = 0; i < count && keep.Count + claim.Count < fairShare; i++)
            {
                PartitionLease candidate = table.Leases[(offset + i) % count];
                bool mineButNotHeld = candidate.Owner == OwnerId && !_held.ContainsKey(candidate.Partition);
                if (!_held.ContainsKey(candidate.Partition) && (candidate.Owner is null || candidate.ExpiresAt <= now || mineButNotHeld))
                {
                    claim.Add(candidate);
                }
            }
        }

        return new BalancePlan(keep, claim, release, lost, fairShare, live);
    }
}
