namespace DurableAgents.Client;

/// <summary>Options for starting an instance.</summary>
/// <param name="InstanceId">The instance id; a new GUID (N format) when null.</param>
/// <param name="StartAt">Start no earlier than this time.</param>
public sealed record StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null)
{
    /// <summary>Tags recorded with the instance.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}
