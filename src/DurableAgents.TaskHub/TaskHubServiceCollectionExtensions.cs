using DurableAgents.History;
using DurableAgents.TaskHub.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DurableAgents.TaskHub;

/// <summary>Registers the task hub engine in a service collection.</summary>
public static class TaskHubServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="TaskHubEngine"/> as a singleton and hosted service, <see cref="TaskHubClient"/> as the official
    /// <see cref="DurableTaskClient"/>, and <see cref="TaskHubHistoryReader"/> as the <see cref="IInstanceHistoryReader"/>.
    /// An <see cref="ITaskHubStore"/> must be registered too.
    /// </summary>
    public static IServiceCollection AddTaskHub(this IServiceCollection services, Action<TaskHubOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<TaskHubOptions> options = services.AddOptions<TaskHubOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new TaskHubEngine(
            sp.GetRequiredService<ITaskHubStore>(),
            sp.GetRequiredService<IOptions<TaskHubOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetService<ILoggerFactory>(),
            sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddHostedService(sp => sp.GetRequiredService<TaskHubEngine>());
        services.TryAddSingleton(sp => new TaskHubClient(sp.GetRequiredService<TaskHubEngine>()));
        services.TryAddSingleton<DurableTaskClient>(sp => sp.GetRequiredService<TaskHubClient>());
        services.TryAddSingleton<IInstanceHistoryReader>(sp => new TaskHubHistoryReader(sp.GetRequiredService<TaskHubEngine>()));
        return services;
    }
}
