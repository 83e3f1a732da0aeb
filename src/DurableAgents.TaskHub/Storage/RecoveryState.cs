namespace DurableAgents.TaskHub.Storage;

/// <summary>What the engine reloads on start: active instances, all inbox messages and all activity queue rows.</summary>
/// <param name="ActiveInstances">Instance rows whose status is not terminal (Running, Pending, Suspended, ContinuedAsNew).</param>
/// <param name="Inbox">Every inbox message, including ones visible only in the future, ordered by message id.</param>
/// <param name="Activities">Every activity queue row.</param>
/// <param name="GoneMessageIds">
/// Inbox messages a store's eventually consistent listing still showed but that are gone (consumed) when read consistently;
/// the engine counts them as consumed so a later lagging listing does not deliver them again. Null or empty when the store
/// reads consistently (SQLite) or nothing was gone.
/// </param>
public sealed record RecoveryState(
    IReadOnlyList<InstanceRecord> ActiveInstances,
    IReadOnlyList<InboxMessage> Inbox,
    IReadOnlyList<ActivityTask> Activities,
    IReadOnlyList<long>? GoneMessageIds = null);
