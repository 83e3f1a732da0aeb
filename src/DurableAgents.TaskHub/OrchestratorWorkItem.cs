using DurableAgents.History;

namespace DurableAgents.TaskHub;

/// <summary>An orchestrator episode: replay <see cref="PastEvents"/>, then process <see cref="NewEvents"/>, and return actions.</summary>
/// <param name="InstanceId">The orchestration instance.</param>
/// <param name="ExecutionId">The instance's execution (generation).</param>
/// <param name="CompletionToken">Identifies this hand-out.</param>
/// <param name="Name">The orchestrator name.</param>
/// <param name="Version">The orchestrator version, if any.</param>
/// <param name="PastEvents">The stored history, or empty when <see cref="PastEventsOmitted"/>.</param>
/// <param name="NewEvents">The events of this episode: OrchestratorStarted first, then the inbox messages in arrival order.</param>
/// <param name="PastEventCount">The stored history length (equal to PastEvents.Count unless omitted).</param>
public sealed record OrchestratorWorkItem(
    string InstanceId,
    string ExecutionId,
    string CompletionToken,
    string Name,
    string? Version,
    IReadOnlyList<HistoryEvent> PastEvents,
    IReadOnlyList<HistoryEvent> NewEvents,
    int PastEventCount)
    : WorkItem(InstanceId, ExecutionId, CompletionToken)
{
    /// <summary>
    /// True when the engine left the past events out because this connection ran the previous episode of this
    /// execution and declared <see cref="WorkerConnectionOptions.SupportsHistoryCache"/>. A worker whose cached
    /// state is not exactly <see cref="PastEventCount"/> events long calls <see cref="TaskHubEngine.RequireHistoryAsync"/>.
    /// </summary>
    public bool PastEventsOmitted => PastEvents.Count < PastEventCount;

    /// <summary>The orchestration span the worker reported after an earlier episode of this execution, if any.</summary>
    public OrchestrationTraceContext? TraceContext { get; init; }
}
