using DurableAgents.Sidecar;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Conformance.Tests.Infrastructure;

/// <summary>
/// A real sidecar in this process (<c>AddDurableAgentsSidecar</c> + <c>MapDurableAgentsSidecar</c>) serving gRPC on a
/// loopback port chosen by the OS, over a SQLite file. <see cref="RestartAsync"/> replaces it with a new sidecar on the
/// same file and the same port, as a process restart would.
/// </summary>
public sealed class SidecarHost : IAsyncDisposable
{
    private readonly string _databasePath;
    private readonly Action<SidecarOptions>? _configure;
    private WebApplication _app;

    private SidecarHost(string databasePath, Action<SidecarOptions>? configure, WebApplication app)
    {
        _databasePath = databasePath;
        _configure = configure;
        _app = app;
        GrpcAddress = app.Services.GetRequiredService<SidecarEndpoints>().GrpcAddress;
    }

    /// <summary>The gRPC address, e.g. <c>http://127.0.0.1:41234</c>; the same across restarts.</summary>
    public Uri GrpcAddress { get; }

    /// <summary>Starts a sidecar over <paramref name="databasePath"/> and returns once it listens.</summary>
    /// <param name="databasePath">The SQLite file (created when missing).</param>
    /// <param name="configure">Changes sidecar options, e.g. a smaller message limit.</param>
    public static async Task<SidecarHost> StartAsync(string databasePath, Action<SidecarOptions>? configure = null)
    {
        WebApplication app = await StartAppAsync(databasePath, "127.0.0.1:0", configure);
        return new SidecarHost(databasePath, configure, app);
    }

    /// <summary>Stops the sidecar gracefully, then starts a new one on the same SQLite file and the same port.</summary>
    public async Task RestartAsync()
    {
        await StopAppAsync(_app);
        _app = await StartAppAsync(_databasePath, $"127.0.0.1:{GrpcAddress.Port}", _configure);
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync() => StopAppAsync(_app);

    private static async Task<WebApplication> StartAppAsync(string databasePath, string grpcEndpoint, Action<SidecarOptions>? configure)
    {
        WebApplicationBuilder builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = Path.GetDirectoryName(Path.GetFullPath(databasePath))!,
            EnvironmentName = "ConformanceTests",
        });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TaskHub:Sqlite:DataSource"] = databasePath,
            ["TaskHub:Sqlite:Synchronous"] = "Normal",
            ["Sidecar:GrpcEndpoint"] = grpcEndpoint,

            // The suite speaks gRPC only; the management API would be one more listener to start and stop.
            ["Sidecar:HttpEndpoint"] = "",
        });
        TestLogging.Configure(builder.Logging);
        builder.AddDurableAgentsSidecar(configure);
        WebApplication app = builder.Build();
        app.MapDurableAgentsSidecar();
        await app.StartAsync();
        return app;
    }

    private static async ValueTask StopAppAsync(WebApplication app)
    {
        using var timeout = new CancellationTokenSource(TestDeadline.Duration);
        await app.StopAsync(timeout.Token);
        await app.DisposeAsync();
    }
}
