using DurableAgents.Converters;
using System.Globalization;
using DurableAgents.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.DurableTask.Worker;

namespace DurableAgents.Benchmarks.Engine;

/// <summary>
/// <c>worker --address URL [--ledger FILE] [--cache N]</c>: a worker process running <see cref="BenchmarkTasks"/> against
/// a sidecar, for the engine workloads and the crash tests. Speaks <see cref="ChildProtocol"/>.
/// </summary>
public sealed class WorkerCommand : IBenchmarkWorkload
{
    /// <inheritdoc/>
    public string Name => "worker";

    /// <inheritdoc/>
    public string Description => "(child process of the engine workloads) a worker: --address URL [--ledger FILE] [--cache N]";

    /// <inheritdoc/>
    public async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string address = CommandLine.Required(args, "--address", Name);
        string? ledgerPath = CommandLine.Option(args, "--ledger");
        int cache = Statistics.IntOption(args, "--cache", new DurableAgentsWorkerOptions().MaxCachedOrchestrations);
        using SideEffectLedger? ledger = ledgerPath is null ? null : new SideEffectLedger(ledgerPath);

        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        ChildLogging.Configure(builder.Logging);
        builder.Services.AddDurableTaskWorker(b => b
            .AddTasks(r => BenchmarkTasks.Register(r, ledger))

            // The benchmark's client sends camelCase JSON (our client's default); the worker reads it the same way.
            .Configure(o => o.DataConverter = WebJsonDataConverter.Default)
            .UseDurableAgents(o =>
            {
                o.Address = address;
                o.MaxCachedOrchestrations = cache;

                // A restarted sidecar is back within a second; reconnect without the default 1 s..30 s backoff.
                o.ReconnectInitialDelay = TimeSpan.FromMilliseconds(100);
                o.ReconnectMaxDelay = TimeSpan.FromMilliseconds(500);
                o.ShutdownTimeout = TimeSpan.FromSeconds(5);
            }));
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
}
