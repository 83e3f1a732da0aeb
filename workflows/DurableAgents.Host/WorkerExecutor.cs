namespace DurableAgents.Host;

/// <summary>Which executor runs the shipped workflows (setting <c>Worker:Executor</c>).</summary>
public enum WorkerExecutor
{
    /// <summary>The DurableAgents executor: replay state kept between episodes (the default).</summary>
    DurableAgents,

    /// <summary>The official durabletask-dotnet gRPC worker, with the same registrations.</summary>
    Official,
}
