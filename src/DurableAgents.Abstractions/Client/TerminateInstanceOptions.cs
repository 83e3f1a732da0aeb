namespace DurableAgents.Client;

/// <summary>Options for terminating an instance.</summary>
public sealed record TerminateInstanceOptions
{
    /// <summary>The output (reason) recorded for the terminated instance.</summary>
    public object? Output { get; init; }

    /// <summary>Also terminate running sub-orchestrations.</summary>
    public bool Recursive { get; init; } = true;
}
