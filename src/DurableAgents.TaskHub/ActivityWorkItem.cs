namespace DurableAgents.TaskHub;

/// <summary>An activity to run once (at least once: a lost result is handed out again after the lease expires).</summary>
/// <param name="InstanceId">The orchestration instance that scheduled it.</param>
/// <param name="ExecutionId">The execution that scheduled it.</param>
/// <param name="CompletionToken">Identifies this hand-out.</param>
/// <param name="TaskId">The task id; with the instance id it is the activity's idempotency key.</param>
/// <param name="Name">The activity name.</param>
/// <param name="Version">The activity version, if any.</param>
/// <param name="Input">The input as JSON text.</param>
/// <param name="Tags">Tags given when scheduling.</param>
/// <param name="ParentTraceContext">The scheduling span the orchestrator's worker named; the activity's span is its child.</param>
public sealed record ActivityWorkItem(
    string InstanceId,
    string ExecutionId,
    string CompletionToken,
    int TaskId,
    string Name,
    string? Version,
    string? Input,
    IReadOnlyDictionary<string, string>? Tags,
    History.TraceContext? ParentTraceContext = null)
    : WorkItem(InstanceId, ExecutionId, CompletionToken);
