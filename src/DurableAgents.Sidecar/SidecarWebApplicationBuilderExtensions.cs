using DurableAgents.Management;
using DurableAgents.Sidecar.Grpc;
using DurableAgents.Sidecar.Health;
using DurableAgents.Sidecar.Hosting;
using DurableAgents.Storage.DynamoDb;
using DurableAgents.Storage.Sqlite;
using DurableAgents.TaskHub;
using DurableAgents.TaskHub.Storage;
using Grpc.AspNetCore.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DurableAgents.Sidecar;

/// <summary>Composes the sidecar into a web application: engine, store, gRPC service, management API and Kestrel endpoints.</summary>
public static class SidecarWebApplicationBuilderExtensions
{
    /// <summary>The SQLite database used when TaskHub:Sqlite:DataSource is not set (relative to the working directory).</summary>
    public const string DefaultDataSource = "data/durableagents.db";

    /// <summary>
    /// Adds the task hub engine (section "TaskHub"), the store that TaskHub:Store names (SQLite, section "TaskHub:Sqlite", by
    /// default; DynamoDB, section "TaskHub:DynamoDb"; unless an <see cref="ITaskHubStore"/> is already registered), the gRPC service (section "Sidecar"), the management API's
    /// services (section "Management") and Kestrel endpoints: gRPC over cleartext HTTP/2 at Sidecar:GrpcEndpoint and the
    /// management API over HTTP/1.1 at Sidecar:HttpEndpoint. Then call <see cref="SidecarWebApplicationExtensions.MapDurableAgentsSidecar"/>.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <param name="configure">Changes the sidecar options after configuration was applied (e.g. port 0 in tests).</param>
    public static WebApplicationBuilder AddDurableAgentsSidecar(this WebApplicationBuilder builder, Action<SidecarOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ConfigurationManager configuration = builder.Configuration;
        IServiceCollection services = builder.Services;

        OptionsBuilder<SidecarOptions> sidecarOptions = services.AddOptions<SidecarOptions>()
            .Bind(configuration.GetSection(SidecarOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        if (configure is not null)
        {
            sidecarOptions.Configure(configure);
        }

        sidecarOptions.PostConfigure(o => o.ApiKey = ResolveApiKey(o.ApiKey, configuration));

        if (!services.Any(d => d.ServiceType == typeof(ITaskHubStore)))
        {
            AddConfiguredStore(services, configuration);
        }

        services.AddTaskHub(o => configuration.GetSection("TaskHub").Bind(o));
        services.TryAddSingleton<IOrchestratorCatalog>(sp => new EngineOrchestratorCatalog(sp.GetRequiredService<TaskHubEngine>()));
        services.AddDurableTaskManagementApi();
        services.AddSidecarHealthChecks();

        // One key protects both surfaces unless the management API has its own.
        services.AddOptions<ManagementApiOptions>().PostConfigure<IOptions<SidecarOptions>>((management, sidecar) =>
        {
            if (string.IsNullOrEmpty(management.ApiKey))
            {
                management.ApiKey = sidecar.Value.ApiKey;
            }
        });

        services.TryAddSingleton<SidecarEndpoints>();
        services.TryAddSingleton(CreateService);
        services.AddGrpc();
        services.AddOptions<GrpcServiceOptions<TaskHubSidecarService>>().Configure<IOptions<SidecarOptions>>((grpc, sidecar) =>
        {
            grpc.MaxReceiveMessageSize = sidecar.Value.MaxMessageBytes;
            grpc.MaxSendMessageSize = sidecar.Value.MaxMessageBytes;

            // The sidecar listens on loopback for its own workers and tools: an unexpected error's type and message
            // help them more than a bare UNKNOWN.
            grpc.EnableDetailedErrors = true;
        });

        builder.WebHost.ConfigureKestrel(ConfigureEndpoints);
        return builder;
    }

    /// <summary>The configuration key that picks the store: <c>Sqlite</c> (the default) or <c>DynamoDb</c>.</summary>
    public const string StoreKey = "TaskHub:Store";

    private static void AddConfiguredStore(IServiceCollection services, ConfigurationManager configuration)
    {
        string store = configuration[StoreKey] is { Length: > 0 } configured ? configured.Trim() : "Sqlite";
        if (store.Equals("DynamoDb", StringComparison.OrdinalIgnoreCase))
        {
            services.AddDynamoDbTaskHubStore(configuration);
        }
        else if (store.Equals("Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            services.AddSqliteTaskHubStore(o =>
            {
                o.DataSource = DefaultDataSource;
                configuration.GetSection(SqliteTaskHubStoreOptions.SectionName).Bind(o);
            });
            services.PostConfigure<SqliteTaskHubStoreOptions>(PrepareDatabaseFolder);
        }
        else
        {
            throw new InvalidOperationException(
                $"{StoreKey} is '{store}'; it must be Sqlite (the embedded default, settings under TaskHub:Sqlite) or DynamoDb (settings under TaskHub:DynamoDb).");
        }
    }

    /// <summary>How far past Management:MaxUrlLength a request line may go and still get the API's 414 problem: 64 KiB.</summary>
    private const int UrlLengthHeadroom = 64 * 1024;

    private static TaskHubSidecarService CreateService(IServiceProvider services)
    {
        var service = new TaskHubSidecarService(
            services.GetRequiredService<TaskHubEngine>(),
            services.GetRequiredService<IOptions<SidecarOptions>>().Value,
            services.GetService<TimeProvider>(),
            services.GetService<ILoggerFactory>());

        // Long-lived calls end when stopping begins, so the server does not wait out its shutdown timeout for them.
        services.GetService<IHostApplicationLifetime>()?.ApplicationStopping.Register(service.BeginShutdown);
        return service;
    }

    private static void ConfigureEndpoints(WebHostBuilderContext context, KestrelServerOptions kestrel)
    {
        SidecarOptions options = kestrel.ApplicationServices.GetRequiredService<IOptions<SidecarOptions>>().Value;
        SidecarEndpoints endpoints = kestrel.ApplicationServices.GetRequiredService<SidecarEndpoints>();

        // The management API refuses URLs over Management:MaxUrlLength with a problem body, but Kestrel answers a request
        // line over its own limit with a bare 414 before any middleware runs: keep Kestrel's limit well above ours.
        // (HTTP/1.1 only; the gRPC port speaks HTTP/2, which this limit does not apply to.)
        int maxUrlLength = kestrel.ApplicationServices.GetRequiredService<IOptions<ManagementApiOptions>>().Value.MaxUrlLength;
        kestrel.Limits.MaxRequestLineSize = Math.Max(kestrel.Limits.MaxRequestLineSize, maxUrlLength + UrlLengthHeadroom);

        // Clients multiplex many held calls (WaitForInstanceCompletion) on one connection; 100 streams is too few.
        kestrel.Limits.Http2.MaxStreamsPerConnection = 1000;
        // gRPC over cleartext HTTP/2 cannot be negotiated, so this port speaks HTTP/2 from the first byte, as gRPC clients do.
        kestrel.Listen(EndpointParser.Parse(options.GrpcEndpoint, "Sidecar:GrpcEndpoint"), listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            endpoints.SetGrpc(listen);
        });
        if (endpoints.HttpEnabled)
        {
            kestrel.Listen(EndpointParser.Parse(options.HttpEndpoint, "Sidecar:HttpEndpoint"), listen =>
            {
                listen.Protocols = HttpProtocols.Http1;
                endpoints.SetHttp(listen);
            });
        }
    }

    private static string? ResolveApiKey(string? configured, ConfigurationManager configuration)
    {
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }

        string? fromConfiguration = configuration[SidecarOptions.ApiKeyEnvironmentVariable];
        return !string.IsNullOrEmpty(fromConfiguration)
            ? fromConfiguration
            : Environment.GetEnvironmentVariable(SidecarOptions.ApiKeyEnvironmentVariable);
    }

    private static void PrepareDatabaseFolder(SqliteTaskHubStoreOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.DataSource) || options.DataSource.StartsWith(':'))
        {
            return;
        }

        options.DataSource = Path.GetFullPath(options.DataSource);
        string? folder = Path.GetDirectoryName(options.DataSource);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
    }
}
