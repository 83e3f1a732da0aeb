namespace DurableAgents.History;

/// <summary>The instance finished: completed, failed, or continued as new.</summary>
public sealed record ExecutionCompletedEvent(
    int EventId,
    DateTime Timestamp,
    OrchestrationStatus Status,
    string? Result,
    FailureDetails? FailureDetails = null)
    : HistoryEvent(EventId, Timestamp);
