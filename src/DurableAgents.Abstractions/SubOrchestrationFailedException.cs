namespace DurableAgents;

/// <summary>Thrown into orchestrator code when a sub-orchestration it awaited failed.</summary>
public sealed class SubOrchestrationFailedException : TaskFailedException
{
    /// <summary>Creates the exception for a failed sub-orchestration.</summary>
    public SubOrchestrationFailedException(string orchestratorName, string instanceId, int taskId, FailureDetails failureDetails)
        : base(
            $"Sub-orchestration '{orchestratorName}' (instance '{instanceId}', #{taskId}) failed: {failureDetails?.ErrorMessage}",
            orchestratorName,
            taskId,
            failureDetails!)
    {
        InstanceId = instanceId;
    }

    /// <summary>Instance id of the failed sub-orchestration.</summary>
    public string InstanceId { get; }
}
