using DurableAgents.History;

namespace DurableAgents.TaskHub.Storage;

/// <summary>
/// A message waiting for an instance: a start, an external event, an activity or sub-orchestration result,
/// a timer firing (visible at its due time), a terminate, suspend or resume request.
/// </summary>
/// <param name="MessageId">Unique id assigned by the engine; ascending in arrival order.</param>
/// <param name="InstanceId">The instance the message is for.</param>
/// <param name="Event">The history event the message delivers.</param>
/// <param name="VisibleAt">The message is not delivered before this time (UTC); timers use their fire time.</param>
public sealed record InboxMessage(long MessageId, string InstanceId, HistoryEvent Event, DateTime VisibleAt);
