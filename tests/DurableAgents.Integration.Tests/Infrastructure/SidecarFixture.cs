using DurableAgents.Sidecar;
using DurableAgents.TaskHub;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Integration.Tests.Infrastructure;

/// <summary>
/// A real sidecar in this process: <c>AddDurableAgentsSidecar</c> + <c>MapDurableAgentsSidecar</c> on Kestrel, gRPC and
/// the management API on loopback ports chosen by the OS, over a SQLite file. Stop it and start another on the same file
/// to test what survives a restart.
/// </summary>
public sealed class SidecarFixture : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;

    private SidecarFixture(WebApplication app, string databasePath)
    {
        _app = app;
        DatabasePath = databasePath;
        Endpoints = app.Services.GetRequiredService<SidecarEndpoints>();
    }

    /// <summary>The SQLite file the sidecar stores the task hub in.</summary>
    public string DatabasePath { get; }

    /// <summary>The bound addresses.</summary>
    public SidecarEndpoints Endpoints { get; }

    /// <summary>The gRPC address, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public Uri GrpcAddress => Endpoints.GrpcAddress;

    /// <summary>The management API's address.</summary>
    public Uri HttpAddress => Endpoints.HttpAddress ?? throw new InvalidOperationException("The management API is turned off in this sidecar.");

    /// <summary>The sidecar's services (e.g. the store the configuration chose).</summary>
    public IServiceProvider Services => _app.Services;

    /// <summary>The engine behind the sidecar (for conditions the protocol does not expose, such as connected workers).</summary>
    public TaskHubEngine Engine => _app.Services.GetRequiredService<TaskHubEngine>();

    /// <summary>Starts a sidecar over <paramref name="databasePath"/> and returns once both endpoints listen.</summary>
    /// <param name="databasePath">The SQLite file (created when missing).</param>
    /// <param name="configure">Changes sidecar options (API key, ping interval ...); endpoints default to port 0.</param>
    /// <param name="settings">Extra configuration keys, e.g. "TaskHub:AbandonedWorkRetryDelay".</param>
    public static async Task<SidecarFixture> StartAsync(
        string databasePath, Action<SidecarOptions>? configure = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        string contentRoot = Path.GetDirectoryName(Path.GetFullPath(databasePath))!;
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = contentRoot,
            EnvironmentName = "IntegrationTests",
        });
        var values = new Dictionary<string, string?>
        {
            ["TaskHub:Sqlite:DataSource"] = databasePath,
            ["TaskHub:Sqlite:Synchronous"] = "Normal",
            ["Sidecar:GrpcEndpoint"] = "127.0.0.1:0",
            ["Sidecar:HttpEndpoint"] = "127.0.0.1:0",
        };
        foreach ((string key, string? value) in settings ?? new Dictionary<string, string?>())
        {
            values[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(values);
        TestLogging.Configure(builder.Logging);
        builder.AddDurableAgentsSidecar(configure);
        WebApplication app = builder.Build();
        app.MapDurableAgentsSidecar();
        await app.StartAsync();
        return new SidecarFixture(app, databasePath);
    }

    /// <summary>Stops the sidecar gracefully: streams end, the engine finishes its commits, the ports close.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        using var timeout = new CancellationTokenSource(TestDeadline.Duration);
        await _app.StopAsync(timeout.Token);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
    }
}
