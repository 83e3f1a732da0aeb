using DurableAgents.TaskHub.Storage;

namespace DurableAgents.TaskHub.Internal;

/// <summary>What one balancing round does.</summary>
/// <param name="Keep">Held leases that stay held (the table still shows them as this engine's, within the fair share).</param>
/// <param name="Claim">Free, released or expired leases to claim (as read, so the claim is conditional on them).</param>
/// <param name="Release">Held leases above the fair share to give up.</param>
/// <param name="Lost">Held partitions whose lease another engine now has.</param>
/// <param name="FairShare">The most partitions one engine should hold.</param>
/// <param name="LiveMembers">Engines with an unexpired heartbeat, this one included.</param>
internal sealed record BalancePlan(
    IReadOnlyList<PartitionLease> Keep,
    IReadOnlyList<PartitionLease> Claim,
    IReadOnlyList<PartitionLease> Release,
    IReadOnlyList<int> Lost,
    int FairShare,
    int LiveMembers);
