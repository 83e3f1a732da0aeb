using System.Diagnostics.CodeAnalysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.DurableTask;

namespace DurableAgents.Agents;

/// <summary>Registers the agent layer in a service collection.</summary>
public static class AgentsServiceCollectionExtensions
{
    /// <summary>
    /// Binds <see cref="AgentsOptions"/> from the "Agents" section, and registers the agent registry (from
    /// "Agents:Definitions"), the chat client factory, the per-agent resilience pipelines and
    /// <see cref="InvokeAgentActivity"/>. Also register the activity with the worker:
    /// <c>registry.AddAgentActivities()</c>.
    /// </summary>
    [RequiresUnreferencedCode("Binds configuration by reflection.")]
    public static IServiceCollection AddAgents(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        IConfigurationSection section = configuration.GetSection(AgentsOptions.SectionName);
        services.AddOptions<AgentsOptions>().Bind(section);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IAgentRegistry>(sp => AgentRegistry.FromConfiguration(
            section.GetSection("Definitions"), sp.GetRequiredService<IOptions<AgentsOptions>>().Value.Provider));
        services.TryAddSingleton<IChatClientFactory>(sp => new ChatClientFactory(
            sp.GetRequiredService<IOptions<AgentsOptions>>().Value,
            sp.GetService<ILoggerFactory>(),
            sp.GetService<TimeProvider>()));
        services.TryAddSingleton(sp => new AgentResiliencePipelines(
            sp.GetRequiredService<IOptions<AgentsOptions>>().Value.CircuitBreaker,
            sp.GetService<ILogger<AgentResiliencePipelines>>(),
            sp.GetService<TimeProvider>()));
        services.TryAddSingleton(sp => new AgentMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddTransient<InvokeAgentActivity>();
        return services;
    }

    /// <summary>Registers <see cref="InvokeAgentActivity"/> under <see cref="InvokeAgentActivity.ActivityName"/>.</summary>
    public static DurableTaskRegistry AddAgentActivities(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry.AddActivity<InvokeAgentActivity>();
    }
}
