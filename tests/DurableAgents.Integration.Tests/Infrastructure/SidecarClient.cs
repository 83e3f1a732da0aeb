using DurableAgents.Converters;
using DurableAgents.History;
using DurableAgents.Protocol;
using Microsoft.DurableTask.Client;

namespace DurableAgents.Integration.Tests.Infrastructure;

/// <summary>
/// The official gRPC client of a sidecar (with the camelCase JSON the test workers read) and a reader of its histories
/// as the engine's records, over one connection.
/// </summary>
public sealed class SidecarClient : IAsyncDisposable
{
    private readonly SidecarConnection _connection;

    private SidecarClient(SidecarConnection connection)
    {
        _connection = connection;
        Client = connection.CreateDurableTaskClient(WebJsonDataConverter.Default);
        History = new SidecarHistoryReader(connection);
    }

    public DurableTaskClient Client { get; }

    public IInstanceHistoryReader History { get; }

    public static SidecarClient Connect(Uri address, string? apiKey = null) => new(SidecarConnection.Open(address.ToString(), apiKey));

    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        _connection.Dispose();
    }
}
