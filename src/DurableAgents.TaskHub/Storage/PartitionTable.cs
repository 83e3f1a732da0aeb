namespace DurableAgents.TaskHub.Storage;

/// <summary>What the partition balancer reads each round: every partition's lease and every engine's heartbeat.</summary>
/// <param name="Leases">One entry per partition, ordered by partition number (a never-claimed partition has a null owner and epoch 0).</param>
/// <param name="Members">The heartbeats of the engines sharing the hub, expired ones included.</param>
public sealed record PartitionTable(IReadOnlyList<PartitionLease> Leases, IReadOnlyList<PartitionMember> Members);
