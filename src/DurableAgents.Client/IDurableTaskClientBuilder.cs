using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Client;

/// <summary>Configures the client registered with <c>AddDurableTaskClient</c>.</summary>
public interface IDurableTaskClientBuilder
{
    /// <summary>The client's name; its options are named options under this name.</summary>
    string Name { get; }

    /// <summary>The service collection the client is registered in.</summary>
    IServiceCollection Services { get; }
}
