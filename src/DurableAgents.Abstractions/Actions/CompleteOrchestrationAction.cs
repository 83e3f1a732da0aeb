using DurableAgents.History;

namespace DurableAgents.Actions;

/// <summary>
/// Finish the instance: Completed with a result, Failed with details, or ContinuedAsNew with the new input
/// in <see cref="Result"/> and, when asked, the unprocessed external events in <see cref="CarryoverEvents"/>.
/// </summary>
public sealed record CompleteOrchestrationAction(
    int Id,
    OrchestrationStatus Status,
    string? Result,
    FailureDetails? FailureDetails = null,
    string? NewVersion = null,
    IReadOnlyList<HistoryEvent>? CarryoverEvents = null)
    : OrchestratorAction(Id);
