using DurableAgents.Integration.Tests.Crash;
using DurableAgents.Integration.Tests.Infrastructure;
using Grpc.Core;
using Microsoft.DurableTask.Client;

namespace DurableAgents.Integration.Tests.ScaleOut;

/// <summary>
/// The sidecar executable run as its own process on a shared DynamoDB table, with the official gRPC client connected to
/// it. <see cref="Kill"/> sends SIGKILL, as a crash would.
/// </summary>
internal sealed class SharedTableSidecar : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly SidecarClient _client;

    private SharedTableSidecar(string ownerId, ChildProcess process, Uri address)
    {
        OwnerId = ownerId;
        _process = process;
        Address = address;
        _client = SidecarClient.Connect(address);
    }

    /// <summary>The sidecar's TaskHub:OwnerId, the name its partition leases carry.</summary>
    public string OwnerId { get; }

    /// <summary>Its gRPC address.</summary>
    public Uri Address { get; }

    /// <summary>The official client, talking to this sidecar only.</summary>
    public DurableTaskClient Client => _client.Client;

    /// <summary>Starts the process on an OS-chosen port; call <see cref="WaitUntilServingAsync"/> before using it.</summary>
    public static SharedTableSidecar Start(string ownerId, SharedTableSettings settings)
    {
        int port = FreePorts.Reserve(1)[0];
        ChildProcess process = ChildProcess.Start(ownerId, CrashPrograms.SidecarPath, settings.SidecarArguments(ownerId, port));
        return new SharedTableSidecar(ownerId, process, new Uri($"http://127.0.0.1:{port}"));
    }

    /// <summary>Waits until the process answers a gRPC read (its engine has started and its store is open).</summary>
    public Task WaitUntilServingAsync() =>
        CrashDeadline.UntilAsync(async () =>
        {
            _process.ThrowIfExited();
            try
            {
                await Client.GetInstanceAsync("scale-out-probe");
                return true;
            }
            catch (RpcException error) when (error.StatusCode == StatusCode.Unavailable)
            {
                return false;
            }
        }, $"{OwnerId} to serve gRPC");

    /// <summary>Throws with the process's last output when it has exited on its own.</summary>
    public void ThrowIfExited() => _process.ThrowIfExited();

    /// <summary>SIGKILL to the process: no shutdown code runs, its leases are left to expire.</summary>
    public void Kill() => _process.Kill();

    /// <summary>The process's state and last output, for failure messages.</summary>
    public string Describe() => $"{OwnerId}: {_process.Describe()}";

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _client.DisposeAsync();
        await _process.DisposeAsync();
    }
}
