namespace DurableAgents.Client;

/// <summary>The operation does not apply to the instance in its current status (e.g. raising an event on a completed instance).</summary>
public sealed class InvalidInstanceStateException(string instanceId, OrchestrationStatus status, string operation)
    : Exception($"Cannot {operation} instance '{instanceId}' because it is {status}.")
{
    /// <summary>The instance.</summary>
    public string InstanceId { get; } = instanceId;

    /// <summary>Its status.</summary>
    public OrchestrationStatus Status { get; } = status;

    /// <summary>What was attempted.</summary>
    public string Operation { get; } = operation;
}
