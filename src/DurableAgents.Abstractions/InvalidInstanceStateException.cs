namespace DurableAgents;

/// <summary>
/// The operation does not apply to the instance in its current status (e.g. purging a running instance).
/// An <see cref="InvalidOperationException"/>, as the official client raises for FAILED_PRECONDITION.
/// </summary>
public sealed class InvalidInstanceStateException(string instanceId, OrchestrationStatus status, string operation)
    : InvalidOperationException($"Cannot {operation} instance '{instanceId}' because it is {status}.")
{
    /// <summary>The instance.</summary>
    public string InstanceId { get; } = instanceId;

    /// <summary>Its status.</summary>
    public OrchestrationStatus Status { get; } = status;

    /// <summary>What was attempted.</summary>
    public string Operation { get; } = operation;
}
