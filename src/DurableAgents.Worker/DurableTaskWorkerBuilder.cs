using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Worker;

/// <summary>The builder handed to the <c>AddDurableTaskWorker</c> callback.</summary>
internal sealed class DurableTaskWorkerBuilder(string name, IServiceCollection services) : IDurableTaskWorkerBuilder
{
    public string Name { get; } = name;

    public IServiceCollection Services { get; } = services;
}
