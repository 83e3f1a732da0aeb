using DurableAgents.Converters;
using DurableAgents.Protocol;
using DurableAgents.Sidecar;
using DurableAgents.Worker;
using Microsoft.AspNetCore.Builder;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Cli.Tests.Infrastructure;

/// <summary>
/// A real sidecar in this process (gRPC and HTTP API on OS-chosen loopback ports, a SQLite file in a temp folder),
/// optionally with a worker that runs <see cref="TestOrchestrations"/>, and a gRPC client for the tests' own checks.
/// </summary>
public sealed class SidecarHost : IAsyncDisposable
{
    private readonly TempDirectory _directory;
    private readonly WebApplication _sidecar;
    private readonly IHost? _worker;

    private readonly SidecarConnection _connection;

    private SidecarHost(TempDirectory directory, WebApplication sidecar, IHost? worker, SidecarConnection connection)
    {
        _directory = directory;
        _sidecar = sidecar;
        _worker = worker;
        _connection = connection;
        Client = connection.CreateDurableTaskClient(WebJsonDataConverter.Default);
        SidecarEndpoints endpoints = sidecar.Services.GetRequiredService<SidecarEndpoints>();
        GrpcAddress = endpoints.GrpcAddress.ToString().TrimEnd('/');
        HttpAddress = endpoints.HttpAddress!.ToString().TrimEnd('/');
    }

    /// <summary>e.g. http://127.0.0.1:41234</summary>
    public string GrpcAddress { get; }

    /// <summary>e.g. http://127.0.0.1:41235</summary>
    public string HttpAddress { get; }

    /// <summary>A client of the sidecar for setting up and checking what the CLI did.</summary>
    public DurableTaskClient Client { get; }

    public static async Task<SidecarHost> StartAsync(bool withWorker = true, string? apiKey = null)
    {
        var directory = new TempDirectory();
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = directory.Path,
            EnvironmentName = "CliTests",
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TaskHub:Sqlite:DataSource"] = directory.File("taskhub.db"),
            ["Sidecar:GrpcEndpoint"] = "127.0.0.1:0",
            ["Sidecar:HttpEndpoint"] = "127.0.0.1:0",
        });
        builder.Logging.ClearProviders();
        builder.AddDurableAgentsSidecar(o => o.ApiKey = apiKey);
        WebApplication sidecar = builder.Build();
        sidecar.MapDurableAgentsSidecar();
        await sidecar.StartAsync(Deadline.Token());

        string grpcAddress = sidecar.Services.GetRequiredService<SidecarEndpoints>().GrpcAddress.ToString();
        IHost? worker = null;
        if (withWorker)
        {
            HostApplicationBuilder workerBuilder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            workerBuilder.Logging.ClearProviders();
            workerBuilder.Services.AddDurableTaskWorker(b => b
                .AddTasks(TestOrchestrations.Register)
                // The same converter as the client below (and the all-in-one host), so records travel as camelCase JSON.
                .Configure(o => o.DataConverter = WebJsonDataConverter.Default)
                .UseDurableAgents(o =>
                {
                    o.Address = grpcAddress;
                    o.ApiKey = apiKey;
                    o.ShutdownTimeout = TimeSpan.FromSeconds(5);
                }));
            worker = workerBuilder.Build();
            await worker.StartAsync(Deadline.Token());
        }

        return new SidecarHost(directory, sidecar, worker, SidecarConnection.Open(grpcAddress, apiKey));
    }

    /// <summary>Waits (pushed by the sidecar, with a generous deadline) until the instance finishes.</summary>
    public Task<OrchestrationMetadata> WaitForCompletionAsync(string instanceId) =>
        Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, Deadline.Token());

    /// <summary>Waits until the instance's state satisfies <paramref name="condition"/>.</summary>
    public Task WaitUntilAsync(string instanceId, Func<OrchestrationMetadata, bool> condition, string what) =>
        Deadline.UntilAsync(async () =>
            await Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true) is { } instance && condition(instance),
            $"instance {instanceId} to be {what}");

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        _connection.Dispose();
        if (_worker is not null)
        {
            await _worker.StopAsync(Deadline.Token());
            _worker.Dispose();
        }

        await _sidecar.StopAsync(Deadline.Token());
        await _sidecar.DisposeAsync();
        _directory.Dispose();
    }

    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
