using System.Globalization;
using DurableAgents.Sidecar;
using DurableAgents.Storage.DynamoDb;
using DurableAgents.TaskHub;
using DurableAgents.TaskHub.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Benchmarks.Engine;

/// <summary>
/// <c>sidecar --db FILE [--grpc HOST:PORT] [--synchronous Full|Normal] [--dynamodb URL [--table-prefix P --owner ID] [--inbox-poll-ms N]]</c>:
/// the real sidecar composition (gRPC, SQLite store or, with --dynamodb, the DynamoDB store on that endpoint; engine;
/// management API off) in its own process. Answers <c>stats</c> with the engine's counters (and the DynamoDB store's
/// requests, read and write units) and <c>partitions</c> with the partitions it owns on a shared table.
/// </summary>
public sealed class SidecarCommand : IBenchmarkWorkload
{
    /// <summary>The prefix of the answer to <c>stats</c>.</summary>
    public const string StatsPrefix = "STATS";

    /// <summary>The prefix of the answer to <c>partitions</c>: the hub's partition count and the ones this engine owns.</summary>
    public const string PartitionsPrefix = "PARTITIONS";

    /// <inheritdoc/>
    public string Name => "sidecar";

    /// <inheritdoc/>
    public string Description => "(child process of the engine workloads) a sidecar: --db FILE [--grpc HOST:PORT] [--synchronous Full|Normal] [--dynamodb URL [--table-prefix P --owner ID] [--inbox-poll-ms N]]";

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
        if (CommandLine.Option(args, "--dynamodb") is { } dynamoDb)
        {
            // A table of its own per sidecar process, so runs never see each other's instances, unless the workload
            // puts several sidecars on one table (--table-prefix, each with its --owner).
            var settings = new Dictionary<string, string?>
            {
                ["TaskHub:Store"] = "DynamoDb",
                ["TaskHub:DynamoDb:ServiceUrl"] = dynamoDb,
                ["TaskHub:DynamoDb:TablePrefix"] = CommandLine.Option(args, "--table-prefix") ?? string.Create(CultureInfo.InvariantCulture, $"bench{Environment.ProcessId}-"),
            };

            // Only the options given: a key with no value would bind as zero.
            if (CommandLine.Option(args, "--owner") is { } owner)
            {
                settings["TaskHub:OwnerId"] = owner;
            }

            if (CommandLine.Option(args, "--inbox-poll-ms") is { } poll)
            {
                settings["TaskHub:InboxPollInterval"] = TimeSpan.FromMilliseconds(int.Parse(poll, CultureInfo.InvariantCulture)).ToString("c", CultureInfo.InvariantCulture);
            }

            builder.Configuration.AddInMemoryCollection(settings);
        }

        ChildLogging.Configure(builder.Logging);
        builder.AddDurableAgentsSidecar();
        await using WebApplication app = builder.Build();
        app.MapDurableAgentsSidecar();
        await app.StartAsync();

        TaskHubEngine engine = app.Services.GetRequiredService<TaskHubEngine>();
        DynamoDbUsage? usage = (app.Services.GetRequiredService<ITaskHubStore>() as DynamoDbTaskHubStore)?.Usage;
        ChildProtocol.AnnounceReady($"grpc={app.Services.GetRequiredService<SidecarEndpoints>().GrpcAddress}");
        using AllocationSampler? allocations = AllocationSampler.StartIfRequested();
        await ChildProtocol.ServeAsync(command => command switch
        {
            "stats" => string.Create(CultureInfo.InvariantCulture,
                $"{StatsPrefix} commits={engine.StoreCommitCount} requests={engine.CommittedRequestCount} workers={engine.ConnectedWorkerCount} ddbRequests={usage?.Requests ?? 0} ddbWriteMilliUnits={(long)((usage?.WriteUnits ?? 0) * 1000)} ddbReadMilliUnits={(long)((usage?.ReadUnits ?? 0) * 1000)} {ChildProtocol.RuntimeStats()}"),
            "partitions" => string.Create(CultureInfo.InvariantCulture,
                $"{PartitionsPrefix} count={(app.Services.GetRequiredService<ITaskHubStore>() as ITaskHubPartitionedStore)?.PartitionCount ?? 0} owned={string.Join(',', engine.OwnedPartitions)}"),
            "reset-allocations" => ChildProtocol.Reset(allocations),
            _ => "unknown command",
        });
        allocations?.Write(Name);
        await app.StopAsync();
        return 0;
    }
}
