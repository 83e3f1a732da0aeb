using DurableAgents.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;

namespace DurableAgents.Integration.Tests.Worker;

/// <summary>A generic host running one worker against a <see cref="FakeSidecar"/>, with captured logs.</summary>
internal sealed class WorkerHarness : IAsyncDisposable
{
    private bool _stopped;

    private WorkerHarness(IHost host, FakeSidecar? sidecar, CapturingLoggerProvider logs)
    {
        Host = host;
        Sidecar = sidecar;
        Logs = logs;
    }

    public IHost Host { get; }

    public FakeSidecar? Sidecar { get; }

    public CapturingLoggerProvider Logs { get; }

    /// <summary>Starts a fake sidecar and a host whose worker connects to it.</summary>
    public static async Task<WorkerHarness> StartAsync(
        Action<DurableTaskRegistry> tasks,
        Action<DurableAgentsWorkerOptions>? options = null,
        Action<IServiceCollection>? services = null)
    {
        var sidecar = await FakeSidecar.StartAsync();
        return await StartHostAsync(sidecar.Address, sidecar, tasks, options, services);
    }

    /// <summary>Starts a host whose worker connects to <paramref name="address"/>, where nothing may be listening.</summary>
    public static Task<WorkerHarness> StartWithoutSidecarAsync(string address, Action<DurableTaskRegistry> tasks, Action<DurableAgentsWorkerOptions>? options = null) =>
        StartHostAsync(address, null, tasks, options, null);

    /// <summary>Stops the host (the worker drains and abandons per its options).</summary>
    public async Task StopAsync()
    {
        if (!_stopped)
        {
            _stopped = true;
            await Host.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Host.Dispose();
        if (Sidecar is not null)
        {
            await Sidecar.DisposeAsync();
        }
    }

    private static async Task<WorkerHarness> StartHostAsync(
        string address,
        FakeSidecar? sidecar,
        Action<DurableTaskRegistry> tasks,
        Action<DurableAgentsWorkerOptions>? options,
        Action<IServiceCollection>? services)
    {
        var logs = new CapturingLoggerProvider();
        var builder = Microsoft.Extensions.Hosting.Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Logging.AddProvider(logs);
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        services?.Invoke(builder.Services);
        builder.Services.AddDurableTaskWorker(b => b
            .AddTasks(tasks)
            .UseDurableAgents(o =>
            {
                o.Address = address;
                // Short waits keep reconnect tests quick; the logic under test is the same at any scale.
                o.ReconnectInitialDelay = TimeSpan.FromMilliseconds(50);
                o.ReconnectMaxDelay = TimeSpan.FromMilliseconds(200);
                options?.Invoke(o);
            }));
        var host = builder.Build();
        await host.StartAsync();
        return new WorkerHarness(host, sidecar, logs);
    }
}
