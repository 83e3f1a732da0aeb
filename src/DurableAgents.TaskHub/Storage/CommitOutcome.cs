namespace DurableAgents.TaskHub.Storage;

/// <summary>The result of one <see cref="CommitRequest"/> within a batch.</summary>
/// <param name="Committed">True when every write of the request was applied.</param>
/// <param name="FailedCondition">The condition that did not hold, when <paramref name="Committed"/> is false.</param>
public sealed record CommitOutcome(bool Committed, InstanceCondition? FailedCondition = null)
{
    /// <summary>The request was applied.</summary>
    public static CommitOutcome Success { get; } = new(true);

    /// <summary>The request was not applied because <paramref name="condition"/> did not hold.</summary>
    public static CommitOutcome ConditionFailed(InstanceCondition condition) => new(false, condition);
}
