using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Hosting;

namespace DurableAgents.Benchmarks.Engine;

// After the namespace line so the SDK's AddTasks/UseGrpc are found before anything of namespace DurableAgents.
using Microsoft.DurableTask.Worker;

/// <summary>
/// <c>official-worker --address URL</c>: a worker process running <see cref="OfficialBenchmarkTasks"/> on the official
/// Microsoft.DurableTask worker against a sidecar, with the SDK's default options (no work-item filters, default
/// concurrency), as an ordinary SDK user would run it. Speaks <see cref="ChildProtocol"/> like <see cref="WorkerCommand"/>,
/// so <see cref="EngineCluster"/> can start either.
/// </summary>
public sealed class OfficialWorkerCommand : IBenchmarkWorkload
{
    /// <summary>The version of the official worker package this executable runs (e.g. "1.28.0").</summary>
    public static string SdkVersion { get; } = ReadSdkVersion();

    /// <inheritdoc/>
    public string Name => "official-worker";

    /// <inheritdoc/>
    public string Description => "(child process of the engine workloads) the official Microsoft.DurableTask worker: --address URL";

    /// <inheritdoc/>
    public async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string address = CommandLine.Required(args, "--address", Name);

        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        ChildLogging.Configure(builder.Logging);

        // Named in full: our DurableAgents.Worker declares an AddDurableTaskWorker of the same shape.
        Microsoft.DurableTask.Worker.ServiceCollectionExtensions.AddDurableTaskWorker(
            builder.Services, b => b.AddTasks(OfficialBenchmarkTasks.Register).UseGrpc(address));
        using IHost host = builder.Build();
        await host.StartAsync();
        ChildProtocol.AnnounceReady(string.Create(CultureInfo.InvariantCulture, $"pid={Environment.ProcessId}"));
        using AllocationSampler? allocations = AllocationSampler.StartIfRequested();
        await ChildProtocol.ServeAsync(command => command switch
        {
            "stats" => $"{SidecarCommand.StatsPrefix} {ChildProtocol.RuntimeStats()}",
            "reset-allocations" => ChildProtocol.Reset(allocations),
            _ => "unknown command",
        });
        allocations?.Write(Name);
        await host.StopAsync();
        return 0;
    }

    private static string ReadSdkVersion()
    {
        // The informational version is the package version; it may carry "+<commit>" after it.
        string? version = typeof(Microsoft.DurableTask.Worker.Grpc.GrpcDurableTaskWorkerOptions).Assembly
            .GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
        return version is null ? "?" : version.Split('+')[0];
    }
}
