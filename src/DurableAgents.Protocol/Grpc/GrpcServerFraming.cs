using System.Buffers;
using System.Buffers.Binary;
using System.IO.Pipelines;
using Google.Protobuf;

namespace DurableAgents.Protocol.Grpc;

/// <summary>Reads and writes length-prefixed messages on Kestrel's request and response pipes without extra copies.</summary>
internal static class GrpcServerFraming
{

    /// <summary>Messages up to this size are serialized into one contiguous span of the response pipe.</summary>
    private const int ContiguousWriteLimit = 64 * 1024;

    public static async ValueTask<T> ReadSingleMessageAsync<T>(PipeReader reader, MessageParser<T> parser, GrpcServerOptions options, CancellationToken cancellationToken)
        where T : IMessage<T>
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            var consumed = buffer.Start;
            try
            {
                if (TryReadFrame(buffer, parser, options, out var message, out var frameEnd))
                {
                    consumed = frameEnd;
                    return message;
                }

                if (result.IsCompleted)
                {
                    throw new RpcException(
                        StatusCode.Internal,
                        buffer.IsEmpty ? "The request contained no message." : "The request ended in the middle of a message.");
                }

                if (result.IsCanceled)
                {
                    throw new OperationCanceledException(cancellationToken);
                }
            }
            finally
            {
                reader.AdvanceTo(consumed, buffer.End);
            }
        }
    }

    public static void WriteMessage<T>(PipeWriter writer, T message, GrpcServerOptions options)
        where T : IMessage<T>
    {
        var size = message.CalculateSize();
        int maxSize = options.MaxSendMessageSize;
        if (size > maxSize)
        {
            throw new RpcException(StatusCode.ResourceExhausted, GrpcProtocol.SendLimitMessage(size, maxSize, options.SendLimitName));
        }

        if (size <= ContiguousWriteLimit)
        {
            var span = writer.GetSpan(GrpcProtocol.FrameHeaderSize + size);
            WriteHeader(span, size);
            message.WriteTo(span.Slice(GrpcProtocol.FrameHeaderSize, size));
            writer.Advance(GrpcProtocol.FrameHeaderSize + size);
            return;
        }

        WriteHeader(writer.GetSpan(GrpcProtocol.FrameHeaderSize), size);
        writer.Advance(GrpcProtocol.FrameHeaderSize);
        message.WriteTo(writer);
    }

    private static void WriteHeader(Span<byte> destination, int size)
    {
        destination[0] = 0;
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(1, 4), (uint)size);
    }

    private static bool TryReadFrame<T>(ReadOnlySequence<byte> buffer, MessageParser<T> parser, GrpcServerOptions options, out T message, out SequencePosition frameEnd)
        where T : IMessage<T>
    {
        message = default!;
        frameEnd = buffer.Start;
        if (buffer.Length < GrpcProtocol.FrameHeaderSize)
        {
            return false;
        }

        Span<byte> header = stackalloc byte[GrpcProtocol.FrameHeaderSize];
        buffer.Slice(0, GrpcProtocol.FrameHeaderSize).CopyTo(header);
        var length = BinaryPrimitives.ReadUInt32BigEndian(header[1..]);

        // Checked on the header alone so an oversized request is refused before its body is buffered.
        int maxSize = options.MaxReceiveMessageSize;
        if (length > (uint)maxSize)
        {
            throw new RpcException(StatusCode.ResourceExhausted, GrpcProtocol.ReceiveLimitMessage(length, maxSize, options.ReceiveLimitName));
        }

        if (header[0] != 0)
        {
            throw new RpcException(
                StatusCode.Unimplemented,
                "Compressed messages are not supported by this server; send messages uncompressed (grpc-encoding: identity).");
        }

        if (buffer.Length < GrpcProtocol.FrameHeaderSize + length)
        {
            return false;
        }

        var payload = buffer.Slice(GrpcProtocol.FrameHeaderSize, length);
        try
        {
            message = parser.ParseFrom(payload);
        }
        catch (InvalidProtocolBufferException ex)
        {
            throw new RpcException(StatusCode.Internal, $"The request message could not be parsed as {typeof(T).Name}: {ex.Message}", ex);
        }

        frameEnd = payload.End;
        return true;
    }
}
