using DurableAgents.Client;
using Microsoft.AspNetCore.Builder;

namespace DurableAgents.Host.Tests.Infrastructure;

/// <summary>
/// One started all-in-one host (sidecar, management API and worker with the shipped workflows, built by
/// <see cref="DurableAgentsHost.BuildAllInOne"/>), an HTTP client for its management API and a gRPC client for waits and
/// history. Disposing stops the host as a process shutdown would (StopAsync, then DisposeAsync).
/// </summary>
internal sealed class RunningHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private bool _stopped;

    private RunningHost(WebApplication app, ManagementApi api, GrpcDurableTaskClient client)
    {
        _app = app;
        Api = api;
        Client = client;
    }

    public ManagementApi Api { get; }

    public GrpcDurableTaskClient Client { get; }

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

        var client = new GrpcDurableTaskClient(new GrpcDurableTaskClientOptions { Address = setup.GrpcAddress.ToString(), ApiKey = setup.ApiKey });
        return new RunningHost(app, new ManagementApi(setup.HttpAddress, setup.ApiKey), client);
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
        await _app.StopAsync(Deadline.Token());
        await _app.DisposeAsync();
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
