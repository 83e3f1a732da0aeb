using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Client;

/// <summary>The builder handed to the <c>AddDurableTaskClient</c> callback.</summary>
internal sealed class DurableTaskClientBuilder(string name, IServiceCollection services) : IDurableTaskClientBuilder
{
    public string Name { get; } = name;

    public IServiceCollection Services { get; } = services;
}
