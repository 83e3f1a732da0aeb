using System.Buffers;
using System.Buffers.Binary;
using Google.Protobuf;

namespace DurableAgents.Protocol.Grpc;

/// <summary>Reads length-prefixed messages from an HTTP response body into pooled buffers.</summary>
internal static class GrpcResponseReader
{
    private const string ReceiveOption = "GrpcChannelOptions.MaxReceiveMessageSize";

    /// <summary>Reads the next message, or returns false at a clean end of the stream.</summary>
    public static async ValueTask<(bool HasMessage, T Message)> ReadMessageAsync<T>(
        Stream stream, MessageParser<T> parser, int maxSize, CancellationToken cancellationToken)
        where T : IMessage<T>
    {
        var header = ArrayPool<byte>.Shared.Rent(GrpcProtocol.FrameHeaderSize);
        int length;
        try
        {
            var read = await stream.ReadAtLeastAsync(
                header.AsMemory(0, GrpcProtocol.FrameHeaderSize), GrpcProtocol.FrameHeaderSize, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                return (false, default!);
            }

            if (read < GrpcProtocol.FrameHeaderSize)
            {
                throw new RpcException(StatusCode.Internal, "The response ended in the middle of a message header.");
            }

            if (header[0] != 0)
            {
                throw new RpcException(StatusCode.Internal, "The server sent a compressed message, but this client asked for none (grpc-accept-encoding: identity).");
            }

            var declared = BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(1, 4));
            if (declared > (uint)maxSize)
            {
                throw new RpcException(StatusCode.ResourceExhausted, GrpcProtocol.ReceiveLimitMessage(declared, maxSize, ReceiveOption));
            }

            length = (int)declared;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(header);
        }

        var payload = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        try
        {
            var read = await stream.ReadAtLeastAsync(payload.AsMemory(0, length), length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (read < length)
            {
                throw new RpcException(StatusCode.Internal, "The response ended in the middle of a message.");
            }

            try
            {
                return (true, parser.ParseFrom(payload.AsSpan(0, length)));
            }
            catch (InvalidProtocolBufferException ex)
            {
                throw new RpcException(StatusCode.Internal, $"The response message could not be parsed as {typeof(T).Name}: {ex.Message}", ex);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(payload);
        }
    }
}
