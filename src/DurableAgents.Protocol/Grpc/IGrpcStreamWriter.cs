namespace DurableAgents.Protocol.Grpc;

/// <summary>Writes the messages of a server-streaming response; each write is sent to the client at once.</summary>
/// <typeparam name="T">The response message type.</typeparam>
public interface IGrpcStreamWriter<in T>
{
    /// <summary>Sends one message and flushes it. Safe to call from several tasks; writes are serialized.</summary>
    Task WriteAsync(T message, CancellationToken cancellationToken = default);
}
