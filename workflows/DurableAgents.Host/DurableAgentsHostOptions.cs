namespace DurableAgents.Host;

/// <summary>Settings of the DurableAgents host (section "Host").</summary>
public sealed class DurableAgentsHostOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Host";

    /// <summary>
    /// "AllInOne" (default): sidecar, management API and a worker with the shipped workflows in one process.
    /// "Worker": only the worker, connected to a sidecar started separately (Worker:Address).
    /// </summary>
    public HostMode Mode { get; set; } = HostMode.AllInOne;
}
