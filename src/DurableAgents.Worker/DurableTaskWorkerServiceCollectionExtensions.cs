using DurableAgents.Worker.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DurableAgents.Worker;

/// <summary>Registers a worker that runs orchestrators and activities for a sidecar, as a hosted service of the generic host.</summary>
public static class DurableTaskWorkerServiceCollectionExtensions
{
    /// <summary>
    /// Adds the default worker, e.g.
    /// <c>services.AddDurableTaskWorker(b => b.AddTasks(r => r.AddOrchestrator&lt;MyOrchestrator&gt;()).UseGrpc("http://127.0.0.1:4001"))</c>.
    /// </summary>
    public static IServiceCollection AddDurableTaskWorker(this IServiceCollection services, Action<IDurableTaskWorkerBuilder> configure) =>
        services.AddDurableTaskWorker(Options.DefaultName, configure);

    /// <summary>Adds a named worker; each name is one connection to a sidecar with its own tasks and options.</summary>
    public static IServiceCollection AddDurableTaskWorker(this IServiceCollection services, string name, Action<IDurableTaskWorkerBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configure);
        if (services.Any(d => d.ServiceType == typeof(WorkerRegistration) && d.ImplementationInstance is WorkerRegistration r && r.Name == name))
        {
            throw new InvalidOperationException(
                $"A durable task worker named '{name}' is already registered. Configure it in one AddDurableTaskWorker call, or give the second worker another name.");
        }

        services.AddLogging();
        services.AddOptions<DurableTaskWorkerOptions>(name).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DurableTaskWorkerOptions>, DurableTaskWorkerOptionsValidator>());
        services.AddSingleton(new WorkerRegistration(name));
        services.AddSingleton<IHostedService>(provider => GrpcDurableTaskWorker.Create(name, provider));
        configure(new DurableTaskWorkerBuilder(name, services));
        return services;
    }
}
