using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using Grpc.Core;
using Microsoft.DurableTask.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Integration.Tests.Worker;

/// <summary>
/// A scriptable TaskHubSidecarService on real Kestrel (h2c, loopback, OS-assigned port): pushes the work items a test
/// writes, records completions and abandons, and answers client RPCs with handlers the test sets.
/// </summary>
internal sealed class FakeSidecar : IAsyncDisposable
{
    private WebApplication _app = null!;
    private readonly ConcurrentDictionary<string, Delegate> _handlers = new(StringComparer.Ordinal);
    private int _helloCount;
    private CancellationTokenSource _currentStreamEnd = new();

    private FakeSidecar()
    {
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
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(new IPEndPoint(IPAddress.Loopback, port), l => l.Protocols = HttpProtocols.Http2));
        var sidecar = new FakeSidecar();
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(sidecar);
        var app = builder.Build();
        sidecar._app = app;
        app.MapGrpcService<Service>();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        sidecar.Port = new Uri(address).Port;
        return sidecar;
    }

    /// <summary>Answers <paramref name="method"/> (a TaskHubSidecarService method name) with <paramref name="handler"/>; methods without one answer UNIMPLEMENTED.</summary>
    public void On<TRequest, TResponse>(string method, Func<TRequest, ServerCallContext, Task<TResponse>> handler) => _handlers[method] = handler;

    public void On<TRequest, TResponse>(string method, Func<TRequest, TResponse> handler) =>
        _handlers[method] = (Func<TRequest, ServerCallContext, Task<TResponse>>)((request, _) => Task.FromResult(handler(request)));

    /// <summary>Ends the currently open GetWorkItems stream with status OK.</summary>
    public void EndCurrentStream() => Interlocked.Exchange(ref _currentStreamEnd, new CancellationTokenSource()).Cancel();

    public async ValueTask DisposeAsync()
    {
        EndCurrentStream();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private Task<TResponse> Scripted<TRequest, TResponse>(string method, TRequest request, ServerCallContext context)
    {
        Calls.Enqueue((method, context.GetHttpContext().Request.Headers));
        return Handler<TRequest, TResponse>(method)(request, context);
    }

    private Func<TRequest, ServerCallContext, Task<TResponse>> Handler<TRequest, TResponse>(string method) =>
        _handlers.TryGetValue(method, out var handler)
            ? (Func<TRequest, ServerCallContext, Task<TResponse>>)handler
            : (_, _) => throw new RpcException(new Status(StatusCode.Unimplemented, $"The fake sidecar has no handler for {method}."));

    private async Task StreamWorkItemsAsync(GetWorkItemsRequest request, IServerStreamWriter<WorkItem> writer, ServerCallContext context)
    {
        var end = Volatile.Read(ref _currentStreamEnd);
        StreamsOpened.Writer.TryWrite(new OpenedStream(request, context.GetHttpContext().Request.Headers));
        await context.WriteResponseHeadersAsync([]);
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

    /// <summary>The gRPC service Grpc.AspNetCore activates per call; it forwards to the <see cref="FakeSidecar"/> of its application.</summary>
    private sealed class Service(FakeSidecar owner) : TaskHubSidecarService.TaskHubSidecarServiceBase
    {
        private FakeSidecar Owner => owner;

        public override Task<Empty> Hello(Empty request, ServerCallContext context)
        {
            Interlocked.Increment(ref Owner._helloCount);
            return Task.FromResult(new Empty());
        }

        public override Task GetWorkItems(GetWorkItemsRequest request, IServerStreamWriter<WorkItem> responseStream, ServerCallContext context) =>
            Owner.StreamWorkItemsAsync(request, responseStream, context);

        public override Task<CompleteTaskResponse> CompleteOrchestratorTask(OrchestratorResponse request, ServerCallContext context)
        {
            Owner.OrchestratorCompletions.Writer.TryWrite(request);
            return Owner.RejectOrchestratorCompletions
                ? throw new RpcException(new Status(StatusCode.NotFound, "The completion token is stale."))
                : Task.FromResult(new CompleteTaskResponse());
        }

        public override Task<CompleteTaskResponse> CompleteActivityTask(ActivityResponse request, ServerCallContext context)
        {
            Owner.ActivityCompletions.Writer.TryWrite(request);
            return Task.FromResult(new CompleteTaskResponse());
        }

        public override Task<AbandonOrchestrationTaskResponse> AbandonTaskOrchestratorWorkItem(AbandonOrchestrationTaskRequest request, ServerCallContext context)
        {
            Owner.AbandonedOrchestrations.Writer.TryWrite(request.CompletionToken);
            return Task.FromResult(new AbandonOrchestrationTaskResponse());
        }

        public override Task<AbandonActivityTaskResponse> AbandonTaskActivityWorkItem(AbandonActivityTaskRequest request, ServerCallContext context)
        {
            Owner.AbandonedActivities.Writer.TryWrite(request.CompletionToken);
            return Task.FromResult(new AbandonActivityTaskResponse());
        }

        public override Task<CreateInstanceResponse> StartInstance(CreateInstanceRequest request, ServerCallContext context) =>
            Owner.Scripted<CreateInstanceRequest, CreateInstanceResponse>(nameof(StartInstance), request, context);

        public override Task<GetInstanceResponse> GetInstance(GetInstanceRequest request, ServerCallContext context) =>
            Owner.Scripted<GetInstanceRequest, GetInstanceResponse>(nameof(GetInstance), request, context);

        public override Task<GetInstanceResponse> WaitForInstanceStart(GetInstanceRequest request, ServerCallContext context) =>
            Owner.Scripted<GetInstanceRequest, GetInstanceResponse>(nameof(WaitForInstanceStart), request, context);

        public override Task<GetInstanceResponse> WaitForInstanceCompletion(GetInstanceRequest request, ServerCallContext context) =>
            Owner.Scripted<GetInstanceRequest, GetInstanceResponse>(nameof(WaitForInstanceCompletion), request, context);

        public override Task<RaiseEventResponse> RaiseEvent(RaiseEventRequest request, ServerCallContext context) =>
            Owner.Scripted<RaiseEventRequest, RaiseEventResponse>(nameof(RaiseEvent), request, context);

        public override Task<TerminateResponse> TerminateInstance(TerminateRequest request, ServerCallContext context) =>
            Owner.Scripted<TerminateRequest, TerminateResponse>(nameof(TerminateInstance), request, context);

        public override Task<SuspendResponse> SuspendInstance(SuspendRequest request, ServerCallContext context) =>
            Owner.Scripted<SuspendRequest, SuspendResponse>(nameof(SuspendInstance), request, context);

        public override Task<ResumeResponse> ResumeInstance(ResumeRequest request, ServerCallContext context) =>
            Owner.Scripted<ResumeRequest, ResumeResponse>(nameof(ResumeInstance), request, context);

        public override Task<QueryInstancesResponse> QueryInstances(QueryInstancesRequest request, ServerCallContext context) =>
            Owner.Scripted<QueryInstancesRequest, QueryInstancesResponse>(nameof(QueryInstances), request, context);

        public override Task<PurgeInstancesResponse> PurgeInstances(PurgeInstancesRequest request, ServerCallContext context) =>
            Owner.Scripted<PurgeInstancesRequest, PurgeInstancesResponse>(nameof(PurgeInstances), request, context);

        public override Task<RestartInstanceResponse> RestartInstance(RestartInstanceRequest request, ServerCallContext context) =>
            Owner.Scripted<RestartInstanceRequest, RestartInstanceResponse>(nameof(RestartInstance), request, context);

        public override async Task StreamInstanceHistory(StreamInstanceHistoryRequest request, IServerStreamWriter<HistoryChunk> responseStream, ServerCallContext context)
        {
            foreach (var chunk in await Owner.Scripted<StreamInstanceHistoryRequest, IReadOnlyList<HistoryChunk>>(nameof(StreamInstanceHistory), request, context))
            {
                await responseStream.WriteAsync(chunk, context.CancellationToken);
            }
        }
    }

    /// <summary>A GetWorkItems call as the sidecar saw it.</summary>
    public sealed record OpenedStream(GetWorkItemsRequest Request, IHeaderDictionary Headers);
}
