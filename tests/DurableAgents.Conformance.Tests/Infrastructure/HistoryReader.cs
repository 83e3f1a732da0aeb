using Grpc.Core;
using Grpc.Net.Client;

namespace DurableAgents.Conformance.Tests.Infrastructure;

using P = Microsoft.DurableTask.Protobuf;

/// <summary>Reads an instance's recorded history at the protocol level, through the sidecar's StreamInstanceHistory RPC.</summary>
public sealed class HistoryReader : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly P.TaskHubSidecarService.TaskHubSidecarServiceClient _client;

    /// <summary>Opens a channel to the sidecar at <paramref name="address"/>.</summary>
    public HistoryReader(Uri address)
    {
        _channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions { MaxReceiveMessageSize = null });
        _client = new P.TaskHubSidecarService.TaskHubSidecarServiceClient(_channel);
    }

    /// <summary>All events of the instance's current execution, in order; empty when the instance does not exist.</summary>
    public async Task<HistoryShape> ReadAsync(string instanceId, CancellationToken cancellationToken)
    {
        var events = new List<P.HistoryEvent>();
        try
        {
            using AsyncServerStreamingCall<P.HistoryChunk> call = _client.StreamInstanceHistory(
                new P.StreamInstanceHistoryRequest { InstanceId = instanceId },
                cancellationToken: cancellationToken);
            await foreach (P.HistoryChunk chunk in call.ResponseStream.ReadAllAsync(cancellationToken))
            {
                events.AddRange(chunk.Events);
            }
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.NotFound)
        {
            // A purged or never-created instance has no history.
        }

        return new HistoryShape(events);
    }

    /// <inheritdoc/>
    public void Dispose() => _channel.Dispose();
}
