namespace DurableAgents.History;

/// <summary>A snapshot of the instance state (protocol compatibility); replay ignores it.</summary>
public sealed record HistoryStateEvent(
    int EventId,
    DateTime Timestamp,
    string InstanceId,
    string Name,
    OrchestrationStatus Status)
    : HistoryEvent(EventId, Timestamp);
