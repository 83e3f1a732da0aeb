using DurableAgents.Converters;
using DurableAgents.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;

namespace DurableAgents.Integration.Tests.Infrastructure;

/// <summary>A DurableAgents worker in a generic host, connected to a sidecar over gRPC.</summary>
public sealed class WorkerHost : IAsyncDisposable
{
    private readonly IHost _host;

    private WorkerHost(IHost host)
    {
        _host = host;
    }

    /// <summary>Starts a worker with the given tasks; it connects in the background (and reconnects after a sidecar restart).</summary>
    public static async Task<WorkerHost> StartAsync(Uri sidecar, Action<DurableTaskRegistry> tasks, Action<DurableAgentsWorkerOptions>? configure = null)
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        TestLogging.Configure(builder.Logging);
        builder.Services.AddDurableTaskWorker(b => b
            .AddTasks(tasks)
            // The same converter as the tests' GrpcDurableTaskClient (and the all-in-one host): camelCase JSON.
            .Configure(o => o.DataConverter = WebJsonDataConverter.Default)
            .UseDurableAgents(o =>
            {
                o.Address = sidecar.ToString();
                // Reconnect quickly after a sidecar restart; the backoff is a delay, not a synchronisation.
                o.ReconnectInitialDelay = TimeSpan.FromMilliseconds(100);
                o.ReconnectMaxDelay = TimeSpan.FromMilliseconds(500);
                o.ShutdownTimeout = TimeSpan.FromSeconds(5);
                configure?.Invoke(o);
            }));
        IHost host = builder.Build();
        await host.StartAsync();
        return new WorkerHost(host);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TestDeadline.Duration);
        await _host.StopAsync(timeout.Token);
        _host.Dispose();
    }
}
