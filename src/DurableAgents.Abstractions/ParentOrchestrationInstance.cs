namespace DurableAgents;

/// <summary>Identifies the orchestration that started a sub-orchestration.</summary>
/// <param name="Name">The parent's orchestrator name.</param>
/// <param name="InstanceId">The parent's instance id.</param>
/// <param name="TaskScheduledId">The parent's task id for this child.</param>
public sealed record ParentOrchestrationInstance(TaskName Name, string InstanceId, int TaskScheduledId = -1);
