using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Worker;

/// <summary>Configures one worker registered with <c>AddDurableTaskWorker</c>: its tasks, its sidecar address and its options.</summary>
public interface IDurableTaskWorkerBuilder
{
    /// <summary>The worker's name; its options and registry are named options under this name.</summary>
    string Name { get; }

    /// <summary>The service collection the worker is registered in.</summary>
    IServiceCollection Services { get; }
}
