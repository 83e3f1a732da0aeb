using DurableAgents.Protocol.Grpc;
using Google.Protobuf.WellKnownTypes;

namespace DurableAgents.Protocol.Tests.Grpc;

public sealed class GrpcChannelUnaryTests
{
    [Fact]
    public async Task UnaryAsync_HandlerReturnsMessage_ClientReceivesIt()
    {
        await using var server = await TestGrpcServer.StartAsync(service => service
            .AddUnary("Echo", StringValue.Parser, (request, _) => Task.FromResult(new StringValue { Value = "echo:" + request.Value })));
        using var channel = server.CreateChannel();

        var response = await channel.UnaryAsync(TestGrpcServer.Method("Echo"), new StringValue { Value = "hi" }, StringValue.Parser).WithTimeout();

        Assert.Equal("echo:hi", response.Value);
    }

    [Fact]
    public async Task UnaryAsync_EmptyMessages_RoundTrip()
    {
        await using var server = await TestGrpcServer.StartAsync(service => service
            .AddUnary("Empty", Empty.Parser, (_, _) => Task.FromResult(new Empty())));
        using var channel = server.CreateChannel();

        var response = await channel.UnaryAsync(TestGrpcServer.Method("Empty"), new Empty(), Empty.Parser).WithTimeout();

        Assert.Equal(new Empty(), response);
    }

    [Fact]
    public async Task UnaryAsync_ManyConcurrentCalls_AllSucceed()
    {
        await using var server = await TestGrpcServer.StartAsync(service => service
            .AddUnary("Double", Int32Value.Parser, (request, _) => Task.FromResult(new Int32Value { Value = request.Value * 2 })));
        using var channel = server.CreateChannel();

        var calls = Enumerable.Range(0, 300)
            .Select(i => channel.UnaryAsync(TestGrpcServer.Method("Double"), new Int32Value { Value = i }, Int32Value.Parser));
        var results = await Task.WhenAll(calls).WithTimeout();

        Assert.Equal(Enumerable.Range(0, 300).Select(i => i * 2), results.Select(r => r.Value));
    }

    [Fact]
    public async Task UnaryAsync_HeadersAndPeer_ReachHandler()
    {
        await using var server = await TestGrpcServer.StartAsync(service => service
            .AddUnary("WhoAmI", Empty.Parser, (_, context) => Task.FromResult(new StringValue
            {
                Value = $"{context.RequestHeaders["x-api-key"]}|{context.RequestHeaders["x-call"]}|{context.Peer}|{context.Method}",
            })));
        var options = new GrpcChannelOptions();
        options.DefaultHeaders["x-api-key"] = "secret";
        using var channel = server.CreateChannel(options);

        var response = await channel.UnaryAsync(
            TestGrpcServer.Method("WhoAmI"),
            new Empty(),
            StringValue.Parser,
            headers: [new("x-call", "one")]).WithTimeout();

        var parts = response.Value.Split('|');
        Assert.Equal("secret", parts[0]);
        Assert.Equal("one", parts[1]);
        Assert.StartsWith("ipv4:127.0.0.1:", parts[2], StringComparison.Ordinal);
        Assert.Equal(TestGrpcServer.Method("WhoAmI"), parts[3]);
    }

    [Theory]
    [InlineData(StatusCode.NotFound, "instance 'abc' was not found")]
    [InlineData(StatusCode.FailedPrecondition, "Zustand ungültig: 완료됨 ✓ 100% \"quoted\"\nline two")]
    public async Task UnaryAsync_HandlerThrowsRpcException_ClientGetsStatusAndMessage(StatusCode status, string detail)
    {
        await using var server = await TestGrpcServer.StartAsync(service => service
            .AddUnary<StringValue, StringValue>("Fail", StringValue.Parser, (_, _) => throw new RpcException(status, detail)));
        using var channel = server.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(
            () => channel.UnaryAsync(TestGrpcServer.Method("Fail"), new StringValue(), StringValue.Parser)).WithTimeout();

        Assert.Equal(status, error.StatusCode);
        Assert.Equal(detail, error.Detail);
    }

    [Fact]
    public async Task UnaryAsync_HandlerThrowsOtherException_ClientGetsUnknownWithExceptionMessage()
    {
        await using var server = await TestGrpcServer.StartAsync(service => service
            .AddUnary<Empty, Empty>("Crash", Empty.Parser, (_, _) => throw new InvalidOperationException("disk full")));
        using var channel = server.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(
            () => channel.UnaryAsync(TestGrpcServer.Method("Crash"), new Empty(), Empty.Parser)).WithTimeout();

        Assert.Equal(StatusCode.Unknown, error.StatusCode);
        Assert.Contains("InvalidOperationException: disk full", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnaryAsync_UnknownMethod_Unimplemented()
    {
        await using var server = await TestGrpcServer.StartAsync(service => service
            .AddUnary("Echo", StringValue.Parser, (request, _) => Task.FromResult(request)));
        using var channel = server.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(
            () => channel.UnaryAsync(TestGrpcServer.Method("SignalEntity"), new Empty(), Empty.Parser)).WithTimeout();

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Contains("/test.EchoService/SignalEntity", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnaryAsync_DeadlinePasses_DeadlineExceededAndHandlerCancelled()
    {
        var handlerCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestGrpcServer.StartAsync(service => service
            .AddUnary<Empty, Empty>("Wait", Empty.Parser, async (_, context) =>
            {
                using var registration = context.CancellationToken.Register(() => handlerCancelled.TrySetResult());
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
                return new Empty();
            }));
        using var channel = server.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(
            TestGrpcServer.Method("Wait"), new Empty(), Empty.Parser, deadline: DateTime.UtcNow.AddMilliseconds(200))).WithTimeout();

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        await handlerCancelled.Task.WithTimeout();
    }

    [Fact]
    public async Task UnaryAsync_DeadlineAlreadyPast_FailsWithoutCallingServer()
    {
        var called = false;
        await using var server = await TestGrpcServer.StartAsync(service => service
            .AddUnary<Empty, Empty>("Echo", Empty.Parser, (request, _) =>
            {
                called = true;
                return Task.FromResult(request);
            }));
        using var channel = server.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(
            TestGrpcServer.Method("Echo"), new Empty(), Empty.Parser, deadline: DateTime.UtcNow.AddSeconds(-1))).WithTimeout();

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.False(called);
    }

    [Fact]
    public async Task UnaryAsync_ClientCancels_ServerHandlerTokenCancelled()
    {
        var handlerStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handlerCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestGrpcServer.StartAsync(service => service
            .AddUnary<Empty, Empty>("Hold", Empty.Parser, async (_, context) =>
            {
                using var registration = context.CancellationToken.Register(() => handlerCancelled.TrySetResult());
                handlerStarted.TrySetResult();
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
                return new Empty();
            }));
        using var channel = server.CreateChannel();
        using var cancellation = new CancellationTokenSource();

        var call = channel.UnaryAsync(TestGrpcServer.Method("Hold"), new Empty(), Empty.Parser, cancellationToken: cancellation.Token);
        await handlerStarted.Task.WithTimeout();
        await cancellation.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call).WithTimeout();
        Assert.Equal(cancellation.Token, error.CancellationToken);
        await handlerCancelled.Task.WithTimeout();
    }

    [Fact]
    public async Task UnaryAsync_RequestOverServerLimit_ResourceExhaustedNamingTheOption()
    {
        var options = new GrpcServerOptions { MaxReceiveMessageSize = 1024 };
        await using var server = await TestGrpcServer.StartAsync(
            service => service.AddUnary("Echo", StringValue.Parser, (request, _) => Task.FromResult(request)),
            options);
        using var channel = server.CreateChannel();
        var request = new StringValue { Value = new string('x', 4000) };

        var error = await Assert.ThrowsAsync<RpcException>(
            () => channel.UnaryAsync(TestGrpcServer.Method("Echo"), request, StringValue.Parser)).WithTimeout();

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains($"{request.CalculateSize()} bytes", error.Detail, StringComparison.Ordinal);
        Assert.Contains("1024 bytes", error.Detail, StringComparison.Ordinal);
        Assert.Contains("GrpcServerOptions.MaxReceiveMessageSize", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnaryAsync_ResponseOverServerSendLimit_ResourceExhausted()
    {
        var options = new GrpcServerOptions { MaxSendMessageSize = 100 };
        await using var server = await TestGrpcServer.StartAsync(
            service => service.AddUnary("Big", Int32Value.Parser, (request, _) => Task.FromResult(new StringValue { Value = new string('y', request.Value) })),
            options);
        using var channel = server.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(
            () => channel.UnaryAsync(TestGrpcServer.Method("Big"), new Int32Value { Value = 500 }, StringValue.Parser)).WithTimeout();

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("GrpcServerOptions.MaxSendMessageSize", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnaryAsync_ResponseOverClientReceiveLimit_ResourceExhausted()
    {
        await using var server = await TestGrpcServer.StartAsync(service => service
            .AddUnary("Big", Int32Value.Parser, (request, _) => Task.FromResult(new StringValue { Value = new string('y', request.Value) })));
        using var channel = server.CreateChannel(new GrpcChannelOptions { MaxReceiveMessageSize = 2048 });

        var small = await channel.UnaryAsync(TestGrpcServer.Method("Big"), new Int32Value { Value = 1000 }, StringValue.Parser).WithTimeout();
        var error = await Assert.ThrowsAsync<RpcException>(
            () => channel.UnaryAsync(TestGrpcServer.Method("Big"), new Int32Value { Value = 5000 }, StringValue.Parser)).WithTimeout();

        Assert.Equal(1000, small.Value.Length);
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("GrpcChannelOptions.MaxReceiveMessageSize", error.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnaryAsync_RequestOverClientSendLimit_ResourceExhaustedBeforeSending()
    {
        var called = false;
        await using var server = await TestGrpcServer.StartAsync(service => service
            .AddUnary<StringValue, StringValue>("Echo", StringValue.Parser, (request, _) =>
            {
                called = true;
                return Task.FromResult(request);
            }));
        using var channel = server.CreateChannel(new GrpcChannelOptions { MaxSendMessageSize = 10 });

        var error = await Assert.ThrowsAsync<RpcException>(() => channel.UnaryAsync(
            TestGrpcServer.Method("Echo"), new StringValue { Value = new string('z', 50) }, StringValue.Parser)).WithTimeout();

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("GrpcChannelOptions.MaxSendMessageSize", error.Detail, StringComparison.Ordinal);
        Assert.False(called);
    }

    [Fact]
    public async Task UnaryAsync_LargeMessagesWithinLimit_RoundTrip()
    {
        await using var server = await TestGrpcServer.StartAsync(service => service
            .AddUnary("Echo", BytesValue.Parser, (request, _) => Task.FromResult(request)));
        using var channel = server.CreateChannel();
        var payload = new byte[3 * 1024 * 1024];
        new Random(42).NextBytes(payload);

        var response = await channel.UnaryAsync(
            TestGrpcServer.Method("Echo"), new BytesValue { Value = Google.Protobuf.ByteString.CopyFrom(payload) }, BytesValue.Parser).WithTimeout();

        Assert.True(response.Value.Span.SequenceEqual(payload));
    }

    [Fact]
    public async Task UnaryAsync_NothingListening_UnavailableNamingTheAddress()
    {
        int port;
        using (var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
        }

        using var channel = GrpcChannel.ForAddress($"127.0.0.1:{port}");

        var error = await Assert.ThrowsAsync<RpcException>(
            () => channel.UnaryAsync("/TaskHubSidecarService/Hello", new Empty(), Empty.Parser)).WithTimeout();

        Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        Assert.StartsWith($"no sidecar is listening at http://127.0.0.1:{port}: ", error.Detail, StringComparison.Ordinal);
    }
}
