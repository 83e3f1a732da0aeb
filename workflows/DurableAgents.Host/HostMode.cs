namespace DurableAgents.Host;

/// <summary>What the host process runs.</summary>
public enum HostMode
{
    /// <summary>Sidecar, management API and worker in one process.</summary>
    AllInOne,

    /// <summary>Only the worker, against a separately started sidecar.</summary>
    Worker,
}
