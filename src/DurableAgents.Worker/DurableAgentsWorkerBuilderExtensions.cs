using DurableAgents.Worker.Hosting;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DurableAgents.Worker;

/// <summary>Chooses the DurableAgents executor as the build target of the SDK's worker builder.</summary>
public static class DurableAgentsWorkerBuilderExtensions
{
    /// <summary>
    /// Runs this worker's registrations on the DurableAgents executor (replay state kept between episodes) against the
    /// sidecar at <paramref name="address"/>, e.g.
    /// <c>services.AddDurableTaskWorker(b => b.AddTasks(r => r.AddOrchestrator&lt;MyOrchestrator&gt;()).UseDurableAgents("http://127.0.0.1:4001"))</c>.
    /// The same registrations run unchanged on the official worker with <c>UseGrpc(...)</c>.
    /// </summary>
    public static IDurableTaskWorkerBuilder UseDurableAgents(this IDurableTaskWorkerBuilder builder, string address)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(address);
        return builder.UseDurableAgents(options => options.Address = address);
    }

    /// <summary>Runs this worker's registrations on the DurableAgents executor with the given options.</summary>
    public static IDurableTaskWorkerBuilder UseDurableAgents(this IDurableTaskWorkerBuilder builder, Action<DurableAgentsWorkerOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseBuildTarget<DurableAgentsWorker, DurableAgentsWorkerOptions>();
        OptionsBuilder<DurableAgentsWorkerOptions> options = builder.Services.AddOptions<DurableAgentsWorkerOptions>(builder.Name).ValidateOnStart();
        if (configure is not null)
        {
            // After the builder copies the SDK's options (DataConverter and the rest) into ours, so that a converter
            // set here is not overwritten by the SDK's default.
            options.PostConfigure(configure);
        }

        builder.Services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<DurableAgentsWorkerOptions>, DurableAgentsWorkerOptionsValidator>());
        return builder;
    }
}
