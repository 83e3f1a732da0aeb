using System.Buffers;
using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace DurableAgents.Protocol.Grpc;

/// <summary>One length-prefixed request message as HTTP content, serialized into a pooled buffer.</summary>
internal sealed class GrpcRequestContent : HttpContent
{
    private static readonly MediaTypeHeaderValue GrpcMediaType = new(GrpcProtocol.ContentType);

    private readonly IMessage _message;
    private readonly int _size;

    public GrpcRequestContent(IMessage message, int size)
    {
        _message = message;
        _size = size;
        Headers.ContentType = GrpcMediaType;
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        var length = GrpcProtocol.FrameHeaderSize + _size;
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            buffer[0] = 0;
            BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(1, 4), (uint)_size);
            _message.WriteTo(buffer.AsSpan(GrpcProtocol.FrameHeaderSize, _size));
            await stream.WriteAsync(buffer.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override bool TryComputeLength(out long length)
    {
        length = GrpcProtocol.FrameHeaderSize + _size;
        return true;
    }
}
