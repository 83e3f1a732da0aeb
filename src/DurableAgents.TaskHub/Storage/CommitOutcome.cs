namespace DurableAgents.TaskHub.Storage;

/// <summary>The result of one <see cref="CommitRequest"/> within a batch.</summary>
/// <param name="Committed">True when every write of the request was applied.</param>
/// <param name="FailedCondition">The condition that did not hold, when <paramref name="Committed"/> is false because of one.</param>
/// <param name="FailedFence">The request's <see cref="CommitRequest.Fence"/>, when <paramref name="Committed"/> is false because the partition's lease changed.</param>
public sealed record CommitOutcome(bool Committed, InstanceCondition? FailedCondition = null, PartitionLease? FailedFence = null)
{
    /// <summary>
    /// Why the store can never write this request (e.g. an item or a transaction over the store's size limits), when
    /// <see cref="Committed"/> is false for that reason. Retrying the same request fails the same way; the message says
    /// which limit was passed and what to change.
    /// </summary>
    public string? RefusedReason { get; init; }

    /// <summary>The request was applied.</summary>
    public static CommitOutcome Success { get; } = new(true);

    /// <summary>The request was not applied because <paramref name="condition"/> did not hold.</summary>
    public static CommitOutcome ConditionFailed(InstanceCondition condition) => new(false, condition);

    /// <summary>The request was not applied because the partition's lease is no longer <paramref name="fence"/> (the engine lost it).</summary>
    public static CommitOutcome Fenced(PartitionLease fence) => new(false, null, fence);

    /// <summary>The request was not applied, and never can be, for <paramref name="reason"/> (see <see cref="RefusedReason"/>).</summary>
    public static CommitOutcome Refused(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        return new(false) { RefusedReason = reason };
    }
}
