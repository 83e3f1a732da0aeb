namespace DurableAgents.History;

/// <summary>The orchestrator started a sub-orchestration; EventId is the task id.</summary>
public sealed record SubOrchestrationInstanceCreatedEvent(
    int EventId,
    DateTime Timestamp,
    string InstanceId,
    string Name,
    string? Input,
    string? Version = null)
    : HistoryEvent(EventId, Timestamp);
