using System.Net;
using System.Net.Http.Headers;
using DurableAgents.Protocol.Grpc;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace DurableAgents.Protocol.Tests.Grpc;

/// <summary>Checks the bytes and headers on the wire with a plain HttpClient, as a foreign gRPC client sees them.</summary>
public sealed class GrpcWireFormatTests
{
    [Fact]
    public async Task Server_UnaryOk_SendsGrpcContentTypeFrameAndStatusTrailer()
    {
        await using var server = await TestGrpcServer.StartAsync(service => service
            .AddUnary("Echo", StringValue.Parser, (request, _) => Task.FromResult(request)));
        using var client = CreateHttpClient();

        using var response = await client.SendAsync(CreateRequest(server, "Echo", new StringValue { Value = "abc" }));
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/grpc", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(new byte[] { 0, 0, 0, 0, 5, 0x0A, 3, (byte)'a', (byte)'b', (byte)'c' }, body);
        Assert.Equal("0", Assert.Single(response.TrailingHeaders.GetValues("grpc-status")));
        Assert.False(response.Headers.Contains("grpc-status"));
    }

    [Fact]
    public async Task Server_ErrorBeforeAnyMessage_SendsTrailersOnlyResponseWithPercentEncodedMessage()
    {
        await using var server = await TestGrpcServer.StartAsync(service => service
            .AddUnary<Empty, Empty>("Fail", Empty.Parser, (_, _) => throw new RpcException(StatusCode.NotFound, "für 100%")));
        using var client = CreateHttpClient();

        using var response = await client.SendAsync(CreateRequest(server, "Fail", new Empty()));
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/grpc", response.Content.Headers.ContentType?.MediaType);
        Assert.Empty(body);
        Assert.Equal("5", Assert.Single(response.Headers.GetValues("grpc-status")));
        Assert.Equal("f%C3%BCr 100%25", Assert.Single(response.Headers.GetValues("grpc-message")));
        Assert.Empty(response.TrailingHeaders);
    }

    [Fact]
    public async Task Server_GrpcTimeoutHeader_CancelsHandlerAndAnswersDeadlineExceeded()
    {
        var handlerCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        DateTime seenDeadline = default;
        await using var server = await TestGrpcServer.StartAsync(service => service
            .AddUnary<Empty, Empty>("Wait", Empty.Parser, async (_, context) =>
            {
                seenDeadline = context.Deadline;
                using var registration = context.CancellationToken.Register(() => handlerCancelled.TrySetResult());
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
                return new Empty();
            }));
        using var client = CreateHttpClient();
        var request = CreateRequest(server, "Wait", new Empty());
        request.Headers.TryAddWithoutValidation("grpc-timeout", "150m");
        var before = DateTime.UtcNow;

        using var response = await client.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();

        await handlerCancelled.Task.WithTimeout();
        Assert.Equal("4", Assert.Single(response.Headers.GetValues("grpc-status")));
        Assert.InRange(seenDeadline, before, before.AddMinutes(1));
    }

    [Fact]
    public async Task Server_WrongContentType_Answers415()
    {
        await using var server = await TestGrpcServer.StartAsync(service => service
            .AddUnary("Echo", StringValue.Parser, (request, _) => Task.FromResult(request)));
        using var client = CreateHttpClient();
        var request = CreateRequest(server, "Echo", new StringValue());
        request.Content!.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Server_CompressedRequestFrame_Unimplemented()
    {
        await using var server = await TestGrpcServer.StartAsync(service => service
            .AddUnary("Echo", StringValue.Parser, (request, _) => Task.FromResult(request)));
        using var client = CreateHttpClient();
        var request = CreateRequest(server, "Echo", new StringValue { Value = "x" });
        var frame = await request.Content!.ReadAsByteArrayAsync();
        frame[0] = 1;
        request.Content = new ByteArrayContent(frame);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");

        using var response = await client.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("12", Assert.Single(response.Headers.GetValues("grpc-status")));
    }

    [Fact]
    public async Task Server_RequestWithoutMessage_Internal()
    {
        await using var server = await TestGrpcServer.StartAsync(service => service
            .AddUnary("Echo", StringValue.Parser, (request, _) => Task.FromResult(request)));
        using var client = CreateHttpClient();
        var request = CreateRequest(server, "Echo", new StringValue());
        request.Content = new ByteArrayContent([]);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");

        using var response = await client.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();

        Assert.Equal("13", Assert.Single(response.Headers.GetValues("grpc-status")));
    }

    private static HttpClient CreateHttpClient() => new(new SocketsHttpHandler { UseProxy = false })
    {
        DefaultRequestVersion = HttpVersion.Version20,
        DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
    };

    private static HttpRequestMessage CreateRequest(TestGrpcServer server, string method, IMessage message)
    {
        var payload = message.ToByteArray();
        var frame = new byte[5 + payload.Length];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server.Address, TestGrpcServer.Method(method)))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(frame),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        return request;
    }
}
