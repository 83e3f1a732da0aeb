namespace DurableAgents.Client;

/// <summary>Options for purging.</summary>
public sealed record PurgeInstanceOptions
{
    /// <summary>Also purge sub-orchestrations.</summary>
    public bool Recursive { get; init; }
}
