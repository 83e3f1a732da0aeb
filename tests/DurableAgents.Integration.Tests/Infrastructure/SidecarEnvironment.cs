using DurableAgents.Client;
using Grpc.Core;
using Grpc.Net.Client;
using DurableAgents.Protocol;
using Microsoft.DurableTask.Protobuf;

namespace DurableAgents.Integration.Tests.Infrastructure;

/// <summary>
/// A sidecar on a fresh SQLite file, a worker running <see cref="TestTasks"/> and a gRPC client, shared by the tests of a
/// class (each test uses its own instance ids).
/// </summary>
// xunit disposes the fields through IAsyncLifetime.DisposeAsync.
#pragma warning disable CA1001
public sealed class SidecarEnvironment : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly TempDirectory _directory = new();
    private GrpcChannel? _channel;

    public SidecarFixture Sidecar { get; private set; } = null!;

    public WorkerHost Worker { get; private set; } = null!;

    public GrpcDurableTaskClient Client { get; private set; } = null!;

    /// <summary>The raw protocol client, for what the typed client does not expose.</summary>
    public TaskHubSidecarService.TaskHubSidecarServiceClient Protocol { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Sidecar = await SidecarFixture.StartAsync(_directory.File("taskhub.db"));
        Worker = await WorkerHost.StartAsync(Sidecar.GrpcAddress, TestTasks.Register);
        Client = new GrpcDurableTaskClient(new GrpcDurableTaskClientOptions { Address = Sidecar.GrpcAddress.ToString() });
        _channel = GrpcChannel.ForAddress(Sidecar.GrpcAddress);
        Protocol = new TaskHubSidecarService.TaskHubSidecarServiceClient(_channel);
    }

    public async Task DisposeAsync()
    {
        await Client.DisposeAsync();
        _channel?.Dispose();
        await Worker.DisposeAsync();
        await Sidecar.DisposeAsync();
        _directory.Dispose();
    }

    /// <summary>A fresh instance id with a readable prefix.</summary>
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
