using DurableAgents.Converters;
using DurableAgents.History;
using DurableAgents.Protocol;
using Microsoft.DurableTask.Client;
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
    private SidecarConnection? _connection;

    public SidecarFixture Sidecar { get; private set; } = null!;

    public WorkerHost Worker { get; private set; } = null!;

    /// <summary>The official gRPC client, with the camelCase JSON the worker reads.</summary>
    public DurableTaskClient Client { get; private set; } = null!;

    /// <summary>Reads histories as the engine's records (the official client's history read yields DurableTask.Core events).</summary>
    public IInstanceHistoryReader History { get; private set; } = null!;

    /// <summary>The raw protocol client, for what the typed client does not expose.</summary>
    public TaskHubSidecarService.TaskHubSidecarServiceClient Protocol { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Sidecar = await SidecarFixture.StartAsync(_directory.File("taskhub.db"));
        Worker = await WorkerHost.StartAsync(Sidecar.GrpcAddress, TestTasks.Register);
        _connection = SidecarConnection.Open(Sidecar.GrpcAddress.ToString());
        Client = _connection.CreateDurableTaskClient(WebJsonDataConverter.Default);
        History = new SidecarHistoryReader(_connection);
        Protocol = _connection.Client;
    }

    public async Task DisposeAsync()
    {
        await Client.DisposeAsync();
        _connection?.Dispose();
        await Worker.DisposeAsync();
        await Sidecar.DisposeAsync();
        _directory.Dispose();
    }

    /// <summary>A fresh instance id with a readable prefix.</summary>
    public static string NewId(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}
