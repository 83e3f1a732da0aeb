namespace DurableAgents.TaskHub.Storage;

/// <summary>A row of the activity queue: an activity an orchestrator scheduled and that has no result yet.</summary>
/// <remarks>Its key is (<see cref="InstanceId"/>, <see cref="ExecutionId"/>, <see cref="TaskId"/>), see <see cref="ActivityKey"/>.</remarks>
/// <param name="InstanceId">The orchestration instance that scheduled it.</param>
/// <param name="ExecutionId">The execution that scheduled it.</param>
/// <param name="TaskId">The task id (the ScheduleTask action's id).</param>
/// <param name="Name">The activity name.</param>
/// <param name="Version">The activity version, if any.</param>
/// <param name="Input">The input (JSON text).</param>
/// <param name="Tags">Tags given when scheduling.</param>
/// <param name="ScheduledAt">When the activity was scheduled (UTC).</param>
/// <param name="ParentTraceContext">The scheduling span the orchestrator's worker named, handed to the activity's worker.</param>
public sealed record ActivityTask(
    string InstanceId,
    string ExecutionId,
    int TaskId,
    string Name,
    string? Version,
    string? Input,
    IReadOnlyDictionary<string, string>? Tags,
    DateTime ScheduledAt,
    History.TraceContext? ParentTraceContext = null)
{
    /// <summary>The row's key.</summary>
    public ActivityKey Key => new(InstanceId, ExecutionId, TaskId);
}
