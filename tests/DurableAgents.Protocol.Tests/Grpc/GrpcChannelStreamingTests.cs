using DurableAgents.Protocol.Grpc;
using Google.Protobuf.WellKnownTypes;

namespace DurableAgents.Protocol.Tests.Grpc;

public sealed class GrpcChannelStreamingTests
{
    [Fact]
    public async Task ServerStreamingAsync_SeveralMessages_AllArriveInOrder()
    {
        await using var server = await TestGrpcServer.StartAsync(service => service
            .AddServerStreaming<Int32Value, Int32Value>("Count", Int32Value.Parser, async (request, writer, _) =>
            {
                for (var i = 1; i <= request.Value; i++)
                {
                    await writer.WriteAsync(new Int32Value { Value = i });
                }
            }));
        using var channel = server.CreateChannel();

        var received = new List<int>();
        await foreach (var message in channel.ServerStreamingAsync(TestGrpcServer.Method("Count"), new Int32Value { Value = 5 }, Int32Value.Parser))
        {
            received.Add(message.Value);
        }

        Assert.Equal([1, 2, 3, 4, 5], received);
    }

    [Fact]
    public async Task ServerStreamingAsync_EachWriteFlushed_ClientReadsFirstMessageBeforeServerFinishes()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestGrpcServer.StartAsync(service => service
            .AddServerStreaming<Empty, StringValue>("Gated", Empty.Parser, async (_, writer, context) =>
            {
                await writer.WriteAsync(new StringValue { Value = "first" });
                await gate.Task.WaitAsync(context.CancellationToken);
                await writer.WriteAsync(new StringValue { Value = "second" });
            }));
        using var channel = server.CreateChannel();

        await using var call = await channel.StartServerStreamingAsync(TestGrpcServer.Method("Gated"), new Empty(), StringValue.Parser).WithTimeout();
        Assert.True(await call.MoveNextAsync().AsTask().WithTimeout());
        Assert.Equal("first", call.Current.Value);

        // The server is still blocked on the gate: the first message can only have arrived because it was flushed.
        Assert.False(gate.Task.IsCompleted);
        gate.SetResult();
        Assert.True(await call.MoveNextAsync().AsTask().WithTimeout());
        Assert.Equal("second", call.Current.Value);
        Assert.False(await call.MoveNextAsync().AsTask().WithTimeout());
    }

    [Fact]
    public async Task StartServerStreamingAsync_HandlerSendsHeadersEarly_ReturnsBeforeFirstMessage()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestGrpcServer.StartAsync(service => service
            .AddServerStreaming<Empty, StringValue>("Subscribe", Empty.Parser, async (_, writer, context) =>
            {
                await context.WriteResponseHeadersAsync();
                await gate.Task.WaitAsync(context.CancellationToken);
                await writer.WriteAsync(new StringValue { Value = "item" });
            }));
        using var channel = server.CreateChannel();

        await using var call = await channel.StartServerStreamingAsync(TestGrpcServer.Method("Subscribe"), new Empty(), StringValue.Parser).WithTimeout();
        gate.SetResult();

        Assert.True(await call.MoveNextAsync().AsTask().WithTimeout());
        Assert.Equal("item", call.Current.Value);
    }

    [Fact]
    public async Task ServerStreamingAsync_ErrorAfterMessages_MessagesThenRpcException()
    {
        await using var server = await TestGrpcServer.StartAsync(service => service
            .AddServerStreaming<Empty, StringValue>("Broken", Empty.Parser, async (_, writer, _) =>
            {
                await writer.WriteAsync(new StringValue { Value = "one" });
                throw new RpcException(StatusCode.Aborted, "lease lost — übernommen");
            }));
        using var channel = server.CreateChannel();

        var received = new List<string>();
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (var message in channel.ServerStreamingAsync(TestGrpcServer.Method("Broken"), new Empty(), StringValue.Parser))
            {
                received.Add(message.Value);
            }
        }).WithTimeout();

        Assert.Equal(["one"], received);
        Assert.Equal(StatusCode.Aborted, error.StatusCode);
        Assert.Equal("lease lost — übernommen", error.Detail);
    }

    [Fact]
    public async Task StartServerStreamingAsync_ErrorBeforeAnyMessage_ThrowsFromTrailersOnlyResponse()
    {
        await using var server = await TestGrpcServer.StartAsync(service => service
            .AddServerStreaming<Empty, StringValue>("Denied", Empty.Parser, (_, _, _) => throw new RpcException(StatusCode.PermissionDenied, "no key")));
        using var channel = server.CreateChannel();

        var error = await Assert.ThrowsAsync<RpcException>(
            () => channel.StartServerStreamingAsync(TestGrpcServer.Method("Denied"), new Empty(), StringValue.Parser)).WithTimeout();

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.Equal("no key", error.Detail);
    }

    [Fact]
    public async Task ServerStreamingAsync_NoMessages_CompletesEmpty()
    {
        await using var server = await TestGrpcServer.StartAsync(service => service
            .AddServerStreaming<Empty, StringValue>("Nothing", Empty.Parser, (_, _, _) => Task.CompletedTask));
        using var channel = server.CreateChannel();

        var received = new List<StringValue>();
        await foreach (var message in channel.ServerStreamingAsync(TestGrpcServer.Method("Nothing"), new Empty(), StringValue.Parser))
        {
            received.Add(message);
        }

        Assert.Empty(received);
    }

    [Fact]
    public async Task StreamingCall_DisposedEarly_ServerHandlerTokenCancelled()
    {
        var handlerCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestGrpcServer.StartAsync(service => service
            .AddServerStreaming<Empty, StringValue>("Forever", Empty.Parser, async (_, writer, context) =>
            {
                using var registration = context.CancellationToken.Register(() => handlerCancelled.TrySetResult());
                await writer.WriteAsync(new StringValue { Value = "hello" });
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
            }));
        using var channel = server.CreateChannel();

        var call = await channel.StartServerStreamingAsync(TestGrpcServer.Method("Forever"), new Empty(), StringValue.Parser).WithTimeout();
        Assert.True(await call.MoveNextAsync().AsTask().WithTimeout());
        await call.DisposeAsync();

        await handlerCancelled.Task.WithTimeout();
    }

    [Fact]
    public async Task MoveNextAsync_ReadTokenCancelled_OperationCanceledAndServerCancelled()
    {
        var handlerCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var handlerWaiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await TestGrpcServer.StartAsync(service => service
            .AddServerStreaming<Empty, StringValue>("Idle", Empty.Parser, async (_, _, context) =>
            {
                using var registration = context.CancellationToken.Register(() => handlerCancelled.TrySetResult());
                await context.WriteResponseHeadersAsync();
                handlerWaiting.TrySetResult();
                await Task.Delay(Timeout.Infinite, context.CancellationToken);
            }));
        using var channel = server.CreateChannel();
        using var cancellation = new CancellationTokenSource();

        await using var call = await channel.StartServerStreamingAsync(TestGrpcServer.Method("Idle"), new Empty(), StringValue.Parser).WithTimeout();
        var read = call.MoveNextAsync(cancellation.Token).AsTask();
        await handlerWaiting.Task.WithTimeout();
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read).WithTimeout();
        await call.DisposeAsync();
        await handlerCancelled.Task.WithTimeout();
    }

    [Fact]
    public async Task WriteAsync_ConcurrentWriters_EveryMessageArrivesWhole()
    {
        await using var server = await TestGrpcServer.StartAsync(service => service
            .AddServerStreaming<Int32Value, StringValue>("Burst", Int32Value.Parser, async (request, writer, _) =>
            {
                var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
                {
                    for (var i = 0; i < request.Value; i++)
                    {
                        await writer.WriteAsync(new StringValue { Value = $"{w}:{i}:{new string('p', 3000)}" });
                    }
                }));
                await Task.WhenAll(writers);
            }));
        using var channel = server.CreateChannel();

        var received = new List<string>();
        await foreach (var message in channel.ServerStreamingAsync(TestGrpcServer.Method("Burst"), new Int32Value { Value = 50 }, StringValue.Parser))
        {
            received.Add(message.Value);
        }

        Assert.Equal(200, received.Count);
        Assert.Equal(200, received.Distinct().Count());
    }

    [Fact]
    public async Task WriteAsync_AfterHandlerCompleted_Throws()
    {
        IGrpcStreamWriter<StringValue>? leaked = null;
        await using var server = await TestGrpcServer.StartAsync(service => service
            .AddServerStreaming<Empty, StringValue>("Leak", Empty.Parser, (_, writer, _) =>
            {
                leaked = writer;
                return Task.CompletedTask;
            }));
        using var channel = server.CreateChannel();
        await foreach (var unused in channel.ServerStreamingAsync(TestGrpcServer.Method("Leak"), new Empty(), StringValue.Parser))
        {
            Assert.Fail("No message was written.");
        }

        await Assert.ThrowsAsync<InvalidOperationException>(() => leaked!.WriteAsync(new StringValue { Value = "late" }));
    }
}
