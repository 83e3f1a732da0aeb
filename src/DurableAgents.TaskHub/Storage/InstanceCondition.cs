namespace DurableAgents.TaskHub.Storage;

/// <summary>A precondition on one instance row that must hold for a <see cref="CommitRequest"/> to apply.</summary>
/// <param name="InstanceId">The instance whose row is checked.</param>
/// <param name="Kind">What must hold.</param>
/// <param name="RowVersion">The expected <see cref="InstanceRecord.RowVersion"/> for <see cref="InstanceConditionKind.RowVersionEquals"/>.</param>
public sealed record InstanceCondition(string InstanceId, InstanceConditionKind Kind, long RowVersion = 0)
{
    /// <summary>The row must not exist.</summary>
    public static InstanceCondition Absent(string instanceId) => new(instanceId, InstanceConditionKind.Absent);

    /// <summary>The row must not exist or must be in a terminal status (Completed, Failed, Terminated, Canceled).</summary>
    public static InstanceCondition NotActive(string instanceId) => new(instanceId, InstanceConditionKind.NotActive);

    /// <summary>The row must exist with exactly this version.</summary>
    public static InstanceCondition VersionEquals(string instanceId, long rowVersion) =>
        new(instanceId, InstanceConditionKind.RowVersionEquals, rowVersion);
}
