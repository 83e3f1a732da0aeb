namespace DurableAgents.History;

/// <summary>An activity threw; the failure details say why.</summary>
public sealed record TaskFailedEvent(
    int EventId,
    DateTime Timestamp,
    int TaskScheduledId,
    FailureDetails FailureDetails)
    : HistoryEvent(EventId, Timestamp);
