namespace DurableAgents.Client;

/// <summary>An instance with the id exists and has not finished, so it cannot be started again.</summary>
public sealed class InstanceAlreadyExistsException(string instanceId, OrchestrationStatus status)
    : Exception($"An orchestration instance with id '{instanceId}' already exists and is {status}. Use another id, or wait until it finishes (or terminate it) before starting it again.")
{
    /// <summary>The id in use.</summary>
    public string InstanceId { get; } = instanceId;

    /// <summary>The existing instance's status.</summary>
    public OrchestrationStatus Status { get; } = status;
}
