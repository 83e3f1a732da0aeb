using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using DurableAgents.Protocol;
using DurableAgents.Protocol.Grpc;
using DurableAgents.Protocol.Proto;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Integration.Tests.Worker;

/// <summary>
/// A scriptable TaskHubSidecarService on real Kestrel (h2c, loopback, OS-assigned port): pushes the work items a test
/// writes, records completions and abandons, and answers client RPCs with handlers the test sets.
/// </summary>
internal sealed class FakeSidecar : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, Delegate> _handlers = new(StringComparer.Ordinal);
    private int _helloCount;
    private CancellationTokenSource _currentStreamEnd = new();

    private FakeSidecar(WebApplication app)
    {
        _app = app;
    }

    public int Port { get; private set; }

    public string Address => $"http://127.0.0.1:{Port}";

    public int HelloCount => Volatile.Read(ref _helloCount);

    /// <summary>When true, CompleteOrchestratorTask is recorded and then refused as a stale token.</summary>
    public bool RejectOrchestratorCompletions { get; set; }

    /// <summary>Work items to send on the open GetWorkItems stream, in order.</summary>
    public Channel<WorkItem> WorkItems { get; } = Channel.CreateUnbounded<WorkItem>();

    /// <summary>One entry per GetWorkItems call: the request and its headers.</summary>
    public Channel<OpenedStream> StreamsOpened { get; } = Channel.CreateUnbounded<OpenedStream>();

    public Channel<OrchestratorResponse> OrchestratorCompletions { get; } = Channel.CreateUnbounded<OrchestratorResponse>();

    public Channel<ActivityResponse> ActivityCompletions { get; } = Channel.CreateUnbounded<ActivityResponse>();

    public Channel<string> AbandonedOrchestrations { get; } = Channel.CreateUnbounded<string>();

    public Channel<string> AbandonedActivities { get; } = Channel.CreateUnbounded<string>();

    /// <summary>Every client RPC received, as (method, request headers).</summary>
    public ConcurrentQueue<(string Method, IHeaderDictionary Headers)> Calls { get; } = new();

    public static async Task<FakeSidecar> StartAsync(int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ListenGrpc(new IPEndPoint(IPAddress.Loopback, port)));
        var app = builder.Build();
        var sidecar = new FakeSidecar(app);
        var definition = new GrpcServiceDefinition(TaskHubSidecarMethods.ServiceName);
        sidecar.Register(definition);
        app.MapGrpcService(definition);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        sidecar.Port = new Uri(address).Port;
        return sidecar;
    }

    /// <summary>Answers <paramref name="method"/> with <paramref name="handler"/>; methods without one answer UNIMPLEMENTED.</summary>
    public void On<TRequest, TResponse>(string method, Func<TRequest, GrpcCallContext, Task<TResponse>> handler) => _handlers[method] = handler;

    public void On<TRequest, TResponse>(string method, Func<TRequest, TResponse> handler) =>
        _handlers[method] = (Func<TRequest, GrpcCallContext, Task<TResponse>>)((request, _) => Task.FromResult(handler(request)));

    /// <summary>Ends the currently open GetWorkItems stream with status OK.</summary>
    public void EndCurrentStream() => Interlocked.Exchange(ref _currentStreamEnd, new CancellationTokenSource()).Cancel();

    public async ValueTask DisposeAsync()
    {
        EndCurrentStream();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private void Register(GrpcServiceDefinition definition)
    {
        definition.AddUnary<Empty, Empty>(TaskHubSidecarMethods.Hello, Empty.Parser, (_, _) =>
        {
            Interlocked.Increment(ref _helloCount);
            return Task.FromResult(new Empty());
        });
        definition.AddServerStreaming<GetWorkItemsRequest, WorkItem>(TaskHubSidecarMethods.GetWorkItems, GetWorkItemsRequest.Parser, StreamWorkItemsAsync);
        definition.AddUnary<OrchestratorResponse, CompleteTaskResponse>(TaskHubSidecarMethods.CompleteOrchestratorTask, OrchestratorResponse.Parser, (response, _) =>
        {
            OrchestratorCompletions.Writer.TryWrite(response);
            return RejectOrchestratorCompletions
                ? throw new RpcException(StatusCode.NotFound, "The completion token is stale.")
                : Task.FromResult(new CompleteTaskResponse());
        });
        definition.AddUnary<ActivityResponse, CompleteTaskResponse>(TaskHubSidecarMethods.CompleteActivityTask, ActivityResponse.Parser, (response, _) =>
        {
            ActivityCompletions.Writer.TryWrite(response);
            return Task.FromResult(new CompleteTaskResponse());
        });
        definition.AddUnary<AbandonOrchestrationTaskRequest, AbandonOrchestrationTaskResponse>(
            TaskHubSidecarMethods.AbandonTaskOrchestratorWorkItem, AbandonOrchestrationTaskRequest.Parser, (request, _) =>
            {
                AbandonedOrchestrations.Writer.TryWrite(request.CompletionToken);
                return Task.FromResult(new AbandonOrchestrationTaskResponse());
            });
        definition.AddUnary<AbandonActivityTaskRequest, AbandonActivityTaskResponse>(
            TaskHubSidecarMethods.AbandonTaskActivityWorkItem, AbandonActivityTaskRequest.Parser, (request, _) =>
            {
                AbandonedActivities.Writer.TryWrite(request.CompletionToken);
                return Task.FromResult(new AbandonActivityTaskResponse());
            });

        Scripted<CreateInstanceRequest, CreateInstanceResponse>(definition, TaskHubSidecarMethods.StartInstance, CreateInstanceRequest.Parser);
        Scripted<GetInstanceRequest, GetInstanceResponse>(definition, TaskHubSidecarMethods.GetInstance, GetInstanceRequest.Parser);
        Scripted<GetInstanceRequest, GetInstanceResponse>(definition, TaskHubSidecarMethods.WaitForInstanceStart, GetInstanceRequest.Parser);
        Scripted<GetInstanceRequest, GetInstanceResponse>(definition, TaskHubSidecarMethods.WaitForInstanceCompletion, GetInstanceRequest.Parser);
        Scripted<RaiseEventRequest, RaiseEventResponse>(definition, TaskHubSidecarMethods.RaiseEvent, RaiseEventRequest.Parser);
        Scripted<TerminateRequest, TerminateResponse>(definition, TaskHubSidecarMethods.TerminateInstance, TerminateRequest.Parser);
        Scripted<SuspendRequest, SuspendResponse>(definition, TaskHubSidecarMethods.SuspendInstance, SuspendRequest.Parser);
        Scripted<ResumeRequest, ResumeResponse>(definition, TaskHubSidecarMethods.ResumeInstance, ResumeRequest.Parser);
        Scripted<QueryInstancesRequest, QueryInstancesResponse>(definition, TaskHubSidecarMethods.QueryInstances, QueryInstancesRequest.Parser);
        Scripted<PurgeInstancesRequest, PurgeInstancesResponse>(definition, TaskHubSidecarMethods.PurgeInstances, PurgeInstancesRequest.Parser);
        Scripted<RestartInstanceRequest, RestartInstanceResponse>(definition, TaskHubSidecarMethods.RestartInstance, RestartInstanceRequest.Parser);
        definition.AddServerStreaming<StreamInstanceHistoryRequest, HistoryChunk>(
            TaskHubSidecarMethods.StreamInstanceHistory, StreamInstanceHistoryRequest.Parser, async (request, writer, context) =>
            {
                Calls.Enqueue((TaskHubSidecarMethods.StreamInstanceHistory, context.RequestHeaders));
                var handler = Handler<StreamInstanceHistoryRequest, IReadOnlyList<HistoryChunk>>(TaskHubSidecarMethods.StreamInstanceHistory);
                foreach (var chunk in await handler(request, context))
                {
                    await writer.WriteAsync(chunk, context.CancellationToken);
                }
            });
    }

    private void Scripted<TRequest, TResponse>(GrpcServiceDefinition definition, string method, MessageParser<TRequest> parser)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse> =>
        definition.AddUnary<TRequest, TResponse>(method, parser, (request, context) =>
        {
            Calls.Enqueue((method, context.RequestHeaders));
            return Handler<TRequest, TResponse>(method)(request, context);
        });

    private Func<TRequest, GrpcCallContext, Task<TResponse>> Handler<TRequest, TResponse>(string method) =>
        _handlers.TryGetValue(method, out var handler)
            ? (Func<TRequest, GrpcCallContext, Task<TResponse>>)handler
            : (_, _) => throw new RpcException(StatusCode.Unimplemented, $"The fake sidecar has no handler for {method}.");

    private async Task StreamWorkItemsAsync(GetWorkItemsRequest request, IGrpcStreamWriter<WorkItem> writer, GrpcCallContext context)
    {
        var end = Volatile.Read(ref _currentStreamEnd);
        StreamsOpened.Writer.TryWrite(new OpenedStream(request, context.RequestHeaders));
        await context.WriteResponseHeadersAsync(context.CancellationToken);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, end.Token);
        try
        {
            while (await WorkItems.Reader.WaitToReadAsync(linked.Token))
            {
                if (WorkItems.Reader.TryRead(out var item))
                {
                    await writer.WriteAsync(item, linked.Token);
                }
            }
        }
        catch (OperationCanceledException) when (end.IsCancellationRequested)
        {
            // The test ended this stream: finish with status OK.
        }
    }

    /// <summary>A GetWorkItems call as the sidecar saw it.</summary>
    public sealed record OpenedStream(GetWorkItemsRequest Request, IHeaderDictionary Headers);
}
