using DurableAgents.History;
using Grpc.Core;
using P = Microsoft.DurableTask.Protobuf;

namespace DurableAgents.Protocol;

/// <summary>
/// Reads an instance's history from a sidecar (StreamInstanceHistory) as the engine's records, for remote callers that
/// render our history (the CLI); the official client's own history read yields DurableTask.Core events instead.
/// </summary>
public sealed class SidecarHistoryReader(SidecarConnection connection) : IInstanceHistoryReader
{
    private readonly SidecarConnection _connection = connection ?? throw new ArgumentNullException(nameof(connection));

    /// <inheritdoc/>
    public async Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellation = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        try
        {
            using AsyncServerStreamingCall<P.HistoryChunk> call = _connection.Client.StreamInstanceHistory(
                new P.StreamInstanceHistoryRequest { InstanceId = instanceId }, cancellationToken: cancellation);
            var events = new List<HistoryEvent>();
            while (await call.ResponseStream.MoveNext(cancellation).ConfigureAwait(false))
            {
                events.AddRange(ProtoConverter.ToHistoryEvents(call.ResponseStream.Current.Events));
            }

            return events;
        }
        catch (RpcException error) when (error.StatusCode == StatusCode.NotFound)
        {
            throw new InstanceNotFoundException(instanceId);
        }
    }
}
