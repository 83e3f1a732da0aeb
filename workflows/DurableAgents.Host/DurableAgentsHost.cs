using DurableAgents.Management;
using DurableAgents.Sidecar;
using DurableAgents.Worker;
using DurableAgents.Workflows.DependencyInjection;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using DurableAgents.Converters;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc;

namespace DurableAgents.Host;

/// <summary>Builds the host's process: the all-in-one application or a worker-only host.</summary>
public static class DurableAgentsHost
{
    /// <summary>
    /// The all-in-one application: the sidecar (gRPC + management API + SQLite store) and a worker with the shipped
    /// workflows that connects to the sidecar's own gRPC endpoint, so the worker takes the same path as a worker in
    /// another process would.
    /// </summary>
    /// <exception cref="HostCannotStartException">An endpoint is in use or cannot be listened on, or a setting is invalid; nothing was opened.</exception>
    public static WebApplication BuildAllInOne(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.AddDurableAgentsSerilog();
        builder.AddDurableAgentsSidecar();
        builder.Services.AddHostTelemetry(builder.Configuration, aspNetCore: true);
        configure?.Invoke(builder);
        AddShippedWorker(builder.Services, builder.Configuration);

        // The management API refuses a start whose input the shipped (or added) orchestrators could not read.
        builder.Services.AddSingleton<IOrchestratorInputTypes, RegisteredOrchestratorInputTypes>();

        // The worker reaches the sidecar through its own gRPC endpoint, with the key the sidecar resolved
        // (Sidecar:ApiKey or DURABLEAGENTS_API_KEY) when one is required.
        builder.Services.AddOptions<DurableAgentsWorkerOptions>(Options.DefaultName)
            .PostConfigure<IOptions<SidecarOptions>>((worker, sidecar) =>
            {
                worker.Address = "http://" + sidecar.Value.GrpcEndpoint;
                if (string.IsNullOrEmpty(worker.ApiKey))
                {
                    worker.ApiKey = sidecar.Value.ApiKey;
                }
            });

        WebApplication app = BuildChecked(builder);
        app.MapDurableAgentsSidecar();
        return app;
    }

    /// <summary>
    /// Builds the application and listens once on its endpoints before anything opens the database (mapping the sidecar
    /// creates the engine and its store): a clash or a bad setting throws <see cref="HostCannotStartException"/>.
    /// </summary>
    private static WebApplication BuildChecked(WebApplicationBuilder builder)
    {
        WebApplication app;
        try
        {
            app = builder.Build();
        }
        catch (InvalidOperationException invalid)
        {
            // Building configures Kestrel's listen addresses, so an endpoint setting that is not host:port fails here.
            throw new HostCannotStartException(OneLine("Cannot start: " + invalid.Message), invalid);
        }

        string? problem;
        try
        {
            problem = ListenPortCheck.FindProblem(app.Services.GetRequiredService<IOptions<SidecarOptions>>().Value);
        }
        catch (Exception invalid) when (invalid is OptionsValidationException or InvalidOperationException)
        {
            problem = "Cannot start: " + invalid.Message;
        }

        if (problem is null)
        {
            return app;
        }

        // Nothing has started: disposing releases only what building created.
        app.DisposeAsync().AsTask().GetAwaiter().GetResult();
        throw new HostCannotStartException(OneLine(problem));
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");

    /// <summary>A worker-only host with the shipped workflows, connected to the sidecar at Worker:Address.</summary>
    public static IHost BuildWorker(string[] args)
    {
        HostApplicationBuilder builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.AddDurableAgentsSerilog();
        builder.Services.AddHostTelemetry(builder.Configuration, aspNetCore: false);
        AddShippedWorker(builder.Services, builder.Configuration);
        return builder.Build();
    }

    /// <summary>Reads Host:Mode from the same sources the host reads (appsettings.json, environment, command line).</summary>
    public static HostMode ReadMode(string[] args)
    {
        var options = new DurableAgentsHostOptions();
        ReadConfiguration(args).GetSection(DurableAgentsHostOptions.SectionName).Bind(options);
        return options.Mode;
    }

    /// <summary>The host's settings without building it: appsettings.json next to the executable, environment, command line.</summary>
    public static IConfiguration ReadConfiguration(string[] args) => new ConfigurationBuilder()
        .SetBasePath(AppContext.BaseDirectory)
        .AddJsonFile("appsettings.json", optional: true)
        .AddEnvironmentVariables()
        .AddCommandLine(args)
        .Build();

    private static void AddShippedWorker(IServiceCollection services, ConfigurationManager configuration)
    {
        services.AddShippedWorkflowServices(configuration);
        WorkerExecutor executor = configuration.GetValue(WorkerExecutorSetting, WorkerExecutor.DurableAgents);
        services.AddDurableTaskWorker(worker =>
        {
            worker.AddTasks(registry => registry.AddShippedWorkflows());

            // JSON posted to the HTTP API is usually camelCase; web defaults bind it to the workflows' records.
            worker.Configure(options => options.DataConverter = WebJsonDataConverter.Default);
            if (executor == WorkerExecutor.Official)
            {
                worker.UseGrpc();
                services.AddOptions<GrpcDurableTaskWorkerOptions>(Options.DefaultName)
                    .Configure<IOptionsMonitor<DurableAgentsWorkerOptions>>((grpc, ours) => grpc.Channel = OfficialWorkerChannel.Open(ours.Get(Options.DefaultName)));
            }
            else
            {
                worker.UseDurableAgents();
            }
        });

        // Address, API key, concurrency and cache are read from Worker:* for either executor.
        services.AddOptions<DurableAgentsWorkerOptions>(Options.DefaultName).Bind(configuration.GetSection("Worker"));
    }

    /// <summary>The setting that chooses the executor: DurableAgents (default) or Official.</summary>
    public const string WorkerExecutorSetting = "Worker:Executor";
}
