using System.Globalization;
using DurableAgents.Sidecar;
using DurableAgents.TaskHub;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Benchmarks.Engine;

/// <summary>
/// <c>sidecar --db FILE [--grpc HOST:PORT] [--synchronous Full|Normal]</c>: the real sidecar composition (gRPC, SQLite
/// store, engine; management API off) in its own process. Answers <c>stats</c> with the engine's counters.
/// </summary>
public sealed class SidecarCommand : IBenchmarkWorkload
{
    /// <summary>The prefix of the answer to <c>stats</c>.</summary>
    public const string StatsPrefix = "STATS";

    /// <inheritdoc/>
    public string Name => "sidecar";

    /// <inheritdoc/>
    public string Description => "(child process of the engine workloads) a sidecar: --db FILE [--grpc HOST:PORT] [--synchronous Full|Normal]";

    /// <inheritdoc/>
    public async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string database = Path.GetFullPath(CommandLine.Required(args, "--db", Name));
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            // No configuration file watcher: it would watch the content root, where every WAL write raises an event.
            Args = ["--hostBuilder:reloadConfigOnChange=false"],
            ContentRootPath = Path.GetDirectoryName(database),
            EnvironmentName = "Production",
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TaskHub:Sqlite:DataSource"] = database,
            ["TaskHub:Sqlite:Synchronous"] = CommandLine.Option(args, "--synchronous") ?? "Full",
            ["Sidecar:GrpcEndpoint"] = CommandLine.Option(args, "--grpc") ?? "127.0.0.1:0",
            ["Sidecar:HttpEndpoint"] = string.Empty,
        });
        ChildLogging.Configure(builder.Logging);
        builder.AddDurableAgentsSidecar();
        await using WebApplication app = builder.Build();
        app.MapDurableAgentsSidecar();
        await app.StartAsync();

        TaskHubEngine engine = app.Services.GetRequiredService<TaskHubEngine>();
        ChildProtocol.AnnounceReady($"grpc={app.Services.GetRequiredService<SidecarEndpoints>().GrpcAddress}");
        using AllocationSampler? allocations = AllocationSampler.StartIfRequested();
        await ChildProtocol.ServeAsync(command => command switch
        {
            "stats" => string.Create(CultureInfo.InvariantCulture,
                $"{StatsPrefix} commits={engine.StoreCommitCount} requests={engine.CommittedRequestCount} workers={engine.ConnectedWorkerCount} {ChildProtocol.RuntimeStats()}"),
            "reset-allocations" => ChildProtocol.Reset(allocations),
            _ => "unknown command",
        });
        allocations?.Write(Name);
        await app.StopAsync();
        return 0;
    }
}
