namespace DurableAgents;

/// <summary>
/// No orchestration instance has the given id. An <see cref="ArgumentException"/>, as the official client raises for an
/// unknown instance (e.g. on restart), so code written against the official contract catches it the same in process.
/// </summary>
public sealed class InstanceNotFoundException(string instanceId)
    : ArgumentException($"No orchestration instance with id '{instanceId}' exists. Check the id, or list instances to find it.")
{
    /// <summary>The id that was not found.</summary>
    public string InstanceId { get; } = instanceId;
}
