using System.Collections.Concurrent;
using DurableAgents.Protocol.Grpc;
using DurableAgents.Protocol.Proto;
using DurableAgents.Protocol.Tests.Grpc;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;

namespace DurableAgents.Protocol.Tests;

public sealed class TaskHubSidecarClientTests
{
    [Fact]
    public async Task EveryMethod_ReachesTheHandlerAtItsProtocolPath()
    {
        var seen = new ConcurrentQueue<string>();
        var service = new GrpcServiceDefinition(TaskHubSidecarMethods.ServiceName);
        RegisterAll(service, seen);
        await using var app = await TestGrpcServer.StartAsync(service);
        using var channel = GrpcChannel.ForAddress(app.Address);
        var client = new TaskHubSidecarClient(channel);

        await client.HelloAsync();
        await client.StartInstanceAsync(new CreateInstanceRequest());
        await client.GetInstanceAsync(new GetInstanceRequest());
        await client.RewindInstanceAsync(new RewindInstanceRequest());
        await client.RestartInstanceAsync(new RestartInstanceRequest());
        await client.WaitForInstanceStartAsync(new GetInstanceRequest());
        await client.WaitForInstanceCompletionAsync(new GetInstanceRequest());
        await client.RaiseEventAsync(new RaiseEventRequest());
        await client.TerminateInstanceAsync(new TerminateRequest());
        await client.SuspendInstanceAsync(new SuspendRequest());
        await client.ResumeInstanceAsync(new ResumeRequest());
        await client.QueryInstancesAsync(new QueryInstancesRequest());
        await client.ListInstanceIdsAsync(new ListInstanceIdsRequest());
        await client.PurgeInstancesAsync(new PurgeInstancesRequest());
        await foreach (var unused in client.GetWorkItems(new GetWorkItemsRequest()))
        {
        }

        await client.CompleteActivityTaskAsync(new ActivityResponse());
        await client.CompleteOrchestratorTaskAsync(new OrchestratorResponse());
        await client.CompleteEntityTaskAsync(new EntityBatchResult());
        await foreach (var unused in client.StreamInstanceHistory(new StreamInstanceHistoryRequest()))
        {
        }

        await client.CreateTaskHubAsync(new CreateTaskHubRequest());
        await client.DeleteTaskHubAsync(new DeleteTaskHubRequest());
        await client.SignalEntityAsync(new SignalEntityRequest());
        await client.GetEntityAsync(new GetEntityRequest());
        await client.QueryEntitiesAsync(new QueryEntitiesRequest());
        await client.CleanEntityStorageAsync(new CleanEntityStorageRequest());
        await client.AbandonTaskActivityWorkItemAsync(new AbandonActivityTaskRequest());
        await client.AbandonTaskOrchestratorWorkItemAsync(new AbandonOrchestrationTaskRequest());
        await client.AbandonTaskEntityWorkItemAsync(new AbandonEntityTaskRequest());
        await client.SkipGracefulOrchestrationTerminationsAsync(new SkipGracefulOrchestrationTerminationsRequest());

        Assert.Equal(TaskHubSidecarMethods.All.Select(TaskHubSidecarMethods.PathOf), seen);
    }

    [Fact]
    public async Task GetWorkItems_StreamsWorkItemsWithCompletionTokens()
    {
        var service = new GrpcServiceDefinition(TaskHubSidecarMethods.ServiceName)
            .AddServerStreaming<GetWorkItemsRequest, WorkItem>(TaskHubSidecarMethods.GetWorkItems, GetWorkItemsRequest.Parser, async (request, writer, context) =>
            {
                await context.WriteResponseHeadersAsync();
                await writer.WriteAsync(new WorkItem { HealthPing = new HealthPing() });
                await writer.WriteAsync(new WorkItem
                {
                    CompletionToken = "token-1",
                    ActivityRequest = new ActivityRequest { Name = "Greet", Input = "\"world\"", TaskId = 1, OrchestrationInstance = new OrchestrationInstance { InstanceId = "i1" } },
                });
            });
        await using var app = await TestGrpcServer.StartAsync(service);
        using var channel = GrpcChannel.ForAddress(app.Address);
        var client = new TaskHubSidecarClient(channel);

        await using var call = await client.StartGetWorkItemsAsync(new GetWorkItemsRequest()).WithTimeout();
        var items = new List<WorkItem>();
        await foreach (var item in call.ReadAllAsync())
        {
            items.Add(item);
        }

        Assert.Equal([WorkItem.RequestOneofCase.HealthPing, WorkItem.RequestOneofCase.ActivityRequest], items.Select(i => i.RequestCase));
        Assert.Equal("token-1", items[1].CompletionToken);
        Assert.Equal("\"world\"", items[1].ActivityRequest.Input);
    }

    [Fact]
    public async Task SignalEntity_NotServed_UnimplementedNamingTheMethod()
    {
        var service = new GrpcServiceDefinition(TaskHubSidecarMethods.ServiceName)
            .AddUnary<Empty, Empty>(TaskHubSidecarMethods.Hello, Empty.Parser, (request, _) => Task.FromResult(request));
        await using var app = await TestGrpcServer.StartAsync(service);
        using var channel = GrpcChannel.ForAddress(app.Address);
        var client = new TaskHubSidecarClient(channel);

        await client.HelloAsync().WithTimeout();
        var error = await Assert.ThrowsAsync<RpcException>(() => client.SignalEntityAsync(new SignalEntityRequest())).WithTimeout();

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Contains("/TaskHubSidecarService/SignalEntity", error.Detail, StringComparison.Ordinal);
    }

    private static void RegisterAll(GrpcServiceDefinition service, ConcurrentQueue<string> seen)
    {
        Unary<Empty, Empty>(service, TaskHubSidecarMethods.Hello, Empty.Parser, seen);
        Unary<CreateInstanceRequest, CreateInstanceResponse>(service, TaskHubSidecarMethods.StartInstance, CreateInstanceRequest.Parser, seen);
        Unary<GetInstanceRequest, GetInstanceResponse>(service, TaskHubSidecarMethods.GetInstance, GetInstanceRequest.Parser, seen);
        Unary<RewindInstanceRequest, RewindInstanceResponse>(service, TaskHubSidecarMethods.RewindInstance, RewindInstanceRequest.Parser, seen);
        Unary<RestartInstanceRequest, RestartInstanceResponse>(service, TaskHubSidecarMethods.RestartInstance, RestartInstanceRequest.Parser, seen);
        Unary<GetInstanceRequest, GetInstanceResponse>(service, TaskHubSidecarMethods.WaitForInstanceStart, GetInstanceRequest.Parser, seen);
        Unary<GetInstanceRequest, GetInstanceResponse>(service, TaskHubSidecarMethods.WaitForInstanceCompletion, GetInstanceRequest.Parser, seen);
        Unary<RaiseEventRequest, RaiseEventResponse>(service, TaskHubSidecarMethods.RaiseEvent, RaiseEventRequest.Parser, seen);
        Unary<TerminateRequest, TerminateResponse>(service, TaskHubSidecarMethods.TerminateInstance, TerminateRequest.Parser, seen);
        Unary<SuspendRequest, SuspendResponse>(service, TaskHubSidecarMethods.SuspendInstance, SuspendRequest.Parser, seen);
        Unary<ResumeRequest, ResumeResponse>(service, TaskHubSidecarMethods.ResumeInstance, ResumeRequest.Parser, seen);
        Unary<QueryInstancesRequest, QueryInstancesResponse>(service, TaskHubSidecarMethods.QueryInstances, QueryInstancesRequest.Parser, seen);
        Unary<ListInstanceIdsRequest, ListInstanceIdsResponse>(service, TaskHubSidecarMethods.ListInstanceIds, ListInstanceIdsRequest.Parser, seen);
        Unary<PurgeInstancesRequest, PurgeInstancesResponse>(service, TaskHubSidecarMethods.PurgeInstances, PurgeInstancesRequest.Parser, seen);
        Streaming<GetWorkItemsRequest, WorkItem>(service, TaskHubSidecarMethods.GetWorkItems, GetWorkItemsRequest.Parser, seen);
        Unary<ActivityResponse, CompleteTaskResponse>(service, TaskHubSidecarMethods.CompleteActivityTask, ActivityResponse.Parser, seen);
        Unary<OrchestratorResponse, CompleteTaskResponse>(service, TaskHubSidecarMethods.CompleteOrchestratorTask, OrchestratorResponse.Parser, seen);
        Unary<EntityBatchResult, CompleteTaskResponse>(service, TaskHubSidecarMethods.CompleteEntityTask, EntityBatchResult.Parser, seen);
        Streaming<StreamInstanceHistoryRequest, HistoryChunk>(service, TaskHubSidecarMethods.StreamInstanceHistory, StreamInstanceHistoryRequest.Parser, seen);
        Unary<CreateTaskHubRequest, CreateTaskHubResponse>(service, TaskHubSidecarMethods.CreateTaskHub, CreateTaskHubRequest.Parser, seen);
        Unary<DeleteTaskHubRequest, DeleteTaskHubResponse>(service, TaskHubSidecarMethods.DeleteTaskHub, DeleteTaskHubRequest.Parser, seen);
        Unary<SignalEntityRequest, SignalEntityResponse>(service, TaskHubSidecarMethods.SignalEntity, SignalEntityRequest.Parser, seen);
        Unary<GetEntityRequest, GetEntityResponse>(service, TaskHubSidecarMethods.GetEntity, GetEntityRequest.Parser, seen);
        Unary<QueryEntitiesRequest, QueryEntitiesResponse>(service, TaskHubSidecarMethods.QueryEntities, QueryEntitiesRequest.Parser, seen);
        Unary<CleanEntityStorageRequest, CleanEntityStorageResponse>(service, TaskHubSidecarMethods.CleanEntityStorage, CleanEntityStorageRequest.Parser, seen);
        Unary<AbandonActivityTaskRequest, AbandonActivityTaskResponse>(service, TaskHubSidecarMethods.AbandonTaskActivityWorkItem, AbandonActivityTaskRequest.Parser, seen);
        Unary<AbandonOrchestrationTaskRequest, AbandonOrchestrationTaskResponse>(service, TaskHubSidecarMethods.AbandonTaskOrchestratorWorkItem, AbandonOrchestrationTaskRequest.Parser, seen);
        Unary<AbandonEntityTaskRequest, AbandonEntityTaskResponse>(service, TaskHubSidecarMethods.AbandonTaskEntityWorkItem, AbandonEntityTaskRequest.Parser, seen);
        Unary<SkipGracefulOrchestrationTerminationsRequest, SkipGracefulOrchestrationTerminationsResponse>(
            service, TaskHubSidecarMethods.SkipGracefulOrchestrationTerminations, SkipGracefulOrchestrationTerminationsRequest.Parser, seen);
    }

    private static void Unary<TRequest, TResponse>(GrpcServiceDefinition service, string name, MessageParser<TRequest> parser, ConcurrentQueue<string> seen)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>, new() =>
        service.AddUnary<TRequest, TResponse>(name, parser, (_, context) =>
        {
            seen.Enqueue(context.Method);
            return Task.FromResult(new TResponse());
        });

    private static void Streaming<TRequest, TResponse>(GrpcServiceDefinition service, string name, MessageParser<TRequest> parser, ConcurrentQueue<string> seen)
        where TRequest : IMessage<TRequest>
        where TResponse : IMessage<TResponse>, new() =>
        service.AddServerStreaming<TRequest, TResponse>(name, parser, (_, _, context) =>
        {
            seen.Enqueue(context.Method);
            return Task.CompletedTask;
        });
}
