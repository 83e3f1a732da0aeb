namespace DurableAgents.Cli.Backends;

/// <summary>One line of the history table.</summary>
/// <param name="Number">Position in the history (1-based).</param>
/// <param name="Timestamp">When the event was recorded (UTC).</param>
/// <param name="EventType">The event kind, e.g. TaskCompleted.</param>
/// <param name="Name">The activity, sub-orchestration, event or orchestrator name, when the event has one.</param>
/// <param name="TaskId">The task id that ties a scheduling event to its completion, when known.</param>
/// <param name="Details">A one-line summary: input, result, failure, reason or due time.</param>
internal sealed record HistoryRow(int Number, DateTime Timestamp, string EventType, string? Name, int? TaskId, string? Details);
