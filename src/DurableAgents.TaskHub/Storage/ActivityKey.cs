namespace DurableAgents.TaskHub.Storage;

/// <summary>The key of an activity queue row.</summary>
/// <param name="InstanceId">The orchestration instance that scheduled the activity.</param>
/// <param name="ExecutionId">The execution that scheduled it.</param>
/// <param name="TaskId">The task id.</param>
public readonly record struct ActivityKey(string InstanceId, string ExecutionId, int TaskId);
