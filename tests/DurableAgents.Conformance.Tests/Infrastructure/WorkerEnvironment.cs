using DurableAgents.Conformance.Tests.Scenarios;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DurableAgents.Conformance.Tests.Infrastructure;

using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;

/// <summary>
/// Our sidecar plus a worker and the official Microsoft.DurableTask client in a generic host. The worker is the SDK's
/// builder with the scenarios' registrations and one executor chosen on it (the official gRPC worker or ours), all with
/// default options (no work-item filters, default channels), so the suite sees what an ordinary SDK user sees.
/// </summary>
public sealed class WorkerEnvironment : ConformanceEnvironment
{
    private readonly TempDirectory _directory;
    private readonly SidecarHost _sidecar;
    private readonly IHost _host;
    private readonly HistoryReader _history;

    private WorkerEnvironment(TempDirectory directory, SidecarHost sidecar, IHost host)
    {
        _directory = directory;
        _sidecar = sidecar;
        _host = host;
        _history = new HistoryReader(sidecar.GrpcAddress);
        Client = host.Services.GetRequiredService<DurableTaskClient>();
    }

    /// <inheritdoc/>
    public override DurableTaskClient Client { get; }

    /// <inheritdoc/>
    public override Uri SidecarAddress => _sidecar.GrpcAddress;

    /// <summary>
    /// Starts the sidecar, then the worker and client host pointed at it; <paramref name="useExecutor"/> chooses the
    /// executor on the worker builder for the sidecar's address and the environment's options.
    /// </summary>
    public static async Task<WorkerEnvironment> StartAsync(ConformanceEnvironmentOptions options, Action<IDurableTaskWorkerBuilder, string, ConformanceEnvironmentOptions> useExecutor)
    {
        var directory = new TempDirectory();
        SidecarHost sidecar = await SidecarHost.StartAsync(directory.File("conformance.db"), o =>
        {
            if (options.MaxMessageBytes is int limit)
            {
                o.MaxMessageBytes = limit;
            }
        });

        string address = sidecar.GrpcAddress.ToString();
        HostApplicationBuilder builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = "ConformanceTests" });
        TestLogging.Configure(builder.Logging);
        // The worker asks its services for an exception-properties provider; the protocol-field scenarios need one.
        builder.Services.AddSingleton<IExceptionPropertiesProvider, ScenarioExceptionProperties>();
        builder.Services.AddDurableTaskWorker(b => useExecutor(b.AddTasks(ConformanceScenarios.RegisterTasks), address, options));
        builder.Services.AddDurableTaskClient(b => b.UseGrpc(address));
        IHost host = builder.Build();
        await host.StartAsync(TestDeadline.Token());
        return new WorkerEnvironment(directory, sidecar, host);
    }

    /// <inheritdoc/>
    public override Task<HistoryShape> ReadHistoryAsync(string instanceId, CancellationToken cancellationToken) =>
        _history.ReadAsync(instanceId, cancellationToken);

    /// <inheritdoc/>
    public override Task RestartSidecarAsync() => _sidecar.RestartAsync();

    /// <inheritdoc/>
    public override async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TestDeadline.Duration);
        await _host.StopAsync(timeout.Token);
        _host.Dispose();
        _history.Dispose();
        await _sidecar.DisposeAsync();
        _directory.Dispose();
    }
}
