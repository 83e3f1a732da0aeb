namespace DurableAgents.History;

/// <summary>Identifies the parent of a sub-orchestration inside its ExecutionStarted event.</summary>
/// <param name="TaskScheduledId">The parent's task id for this child.</param>
/// <param name="Name">The parent's orchestrator name.</param>
/// <param name="InstanceId">The parent's instance id.</param>
/// <param name="ExecutionId">The parent's execution id.</param>
public sealed record ParentInstanceInfo(int TaskScheduledId, string Name, string InstanceId, string? ExecutionId = null);
