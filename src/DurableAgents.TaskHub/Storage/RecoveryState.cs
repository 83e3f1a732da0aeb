namespace DurableAgents.TaskHub.Storage;

/// <summary>What the engine reloads on start: active instances, all inbox messages and all activity queue rows.</summary>
/// <param name="ActiveInstances">Instance rows whose status is not terminal (Running, Pending, Suspended, ContinuedAsNew).</param>
/// <param name="Inbox">Every inbox message, including ones visible only in the future, ordered by message id.</param>
/// <param name="Activities">Every activity queue row.</param>
public sealed record RecoveryState(
    IReadOnlyList<InstanceRecord> ActiveInstances,
    IReadOnlyList<InboxMessage> Inbox,
    IReadOnlyList<ActivityTask> Activities);
