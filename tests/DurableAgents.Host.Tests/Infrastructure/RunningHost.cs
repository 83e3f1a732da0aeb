using DurableAgents.Converters;
using DurableAgents.History;
using DurableAgents.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.DurableTask.Client;

namespace DurableAgents.Host.Tests.Infrastructure;

/// <summary>
/// One started all-in-one host (sidecar, management API and worker with the shipped workflows, built by
/// <see cref="DurableAgentsHost.BuildAllInOne"/>), an HTTP client for its management API, the official gRPC client for waits
/// (with the host's camelCase JSON) and a history reader over the same connection. Disposing stops the host as a process shutdown would (StopAsync, then DisposeAsync).
/// </summary>
internal sealed class RunningHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;

    private readonly SidecarConnection _connection;

    private RunningHost(WebApplication app, ManagementApi api, SidecarConnection connection)
    {
        _app = app;
        Api = api;
        _connection = connection;
        Client = connection.CreateDurableTaskClient(WebJsonDataConverter.Default);
        History = new SidecarHistoryReader(connection);
    }

    public ManagementApi Api { get; }

    public DurableTaskClient Client { get; }

    public IInstanceHistoryReader History { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<RunningHost> StartAsync(HostSetup setup)
    {
        WebApplication app = DurableAgentsHost.BuildAllInOne(setup.Arguments(), setup.Configure);
        try
        {
            await app.StartAsync(Deadline.Token());
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }

        return new RunningHost(app, new ManagementApi(setup.HttpAddress, setup.ApiKey), SidecarConnection.Open(setup.GrpcAddress.ToString(), setup.ApiKey));
    }

    /// <summary>Stops the host and releases its ports and files; the next host may start on the same setup.</summary>
    public async Task StopAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        Api.Dispose();
        await Client.DisposeAsync();
        _connection.Dispose();
        await _app.StopAsync(Deadline.Token());
        await _app.DisposeAsync();
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
