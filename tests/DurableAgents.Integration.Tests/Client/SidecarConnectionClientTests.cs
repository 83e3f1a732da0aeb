using DurableAgents.Converters;
using DurableAgents.Integration.Tests.Worker;
using DurableAgents.Protocol;
using Grpc.Core;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Protobuf;
using ExecutionStartedEvent = DurableAgents.History.ExecutionStartedEvent;
using OrchestratorStartedEvent = DurableAgents.History.OrchestratorStartedEvent;
using TaskScheduledEvent = DurableAgents.History.TaskScheduledEvent;

using Methods = Microsoft.DurableTask.Protobuf.TaskHubSidecarService.TaskHubSidecarServiceBase;

namespace DurableAgents.Integration.Tests.Client;

/// <summary>The official gRPC client and the history reader over our <see cref="SidecarConnection"/>, against a fake sidecar.</summary>
// xunit disposes the fields through IAsyncLifetime.DisposeAsync.
#pragma warning disable CA1001
public sealed class SidecarConnectionClientTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private FakeSidecar _sidecar = null!;

    public async Task InitializeAsync() => _sidecar = await FakeSidecar.StartAsync();

    public async Task DisposeAsync() => await _sidecar.DisposeAsync();

    [Fact]
    public async Task OfficialClient_ApiKeyGiven_SendsTheHeaderOnEveryCall()
    {
        _sidecar.On<GetInstanceRequest, GetInstanceResponse>(nameof(Methods.GetInstance), (request, context) =>
            context.RequestHeaders.GetValue("x-api-key") == "s3cret"
                ? Task.FromResult(new GetInstanceResponse { Exists = false })
                : throw new RpcException(new Status(StatusCode.Unauthenticated, "Missing or wrong API key.")));
        using SidecarConnection withKey = SidecarConnection.Open(_sidecar.Address, "s3cret");
        using SidecarConnection withoutKey = SidecarConnection.Open(_sidecar.Address);
        await using DurableTaskClient keyed = withKey.CreateDurableTaskClient();
        await using DurableTaskClient unkeyed = withoutKey.CreateDurableTaskClient();

        Assert.Null(await keyed.GetInstanceAsync("i-1"));
        RpcException error = await Assert.ThrowsAsync<RpcException>(() => unkeyed.GetInstanceAsync("i-1"));
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task OfficialClient_GivenConverter_SendsItsJson()
    {
        CreateInstanceRequest? received = null;
        _sidecar.On<CreateInstanceRequest, CreateInstanceResponse>(nameof(Methods.StartInstance), request =>
        {
            received = request;
            return new CreateInstanceResponse { InstanceId = request.InstanceId };
        });
        using SidecarConnection connection = SidecarConnection.Open(_sidecar.Address);
        await using DurableTaskClient client = connection.CreateDurableTaskClient(WebJsonDataConverter.Default);

        await client.ScheduleNewOrchestrationInstanceAsync("Greeting", new { Name = "Ada", Count = 2 });

        Assert.Equal("""{"name":"Ada","count":2}""", received?.Input);
    }

    [Fact]
    public async Task HistoryReader_SeveralChunks_ReturnsTheEnginesEventsInOrder()
    {
        var at = new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc);
        _sidecar.On<StreamInstanceHistoryRequest, IReadOnlyList<HistoryChunk>>(nameof(Methods.StreamInstanceHistory), request =>
        {
            Assert.Equal("i-12", request.InstanceId);
            var first = new HistoryChunk();
            first.Events.Add(ProtoConverter.ToProto(new OrchestratorStartedEvent(-1, at)));
            first.Events.Add(ProtoConverter.ToProto(new ExecutionStartedEvent(-1, at, "Flow", "i-12", "e1", "\"in\"")));
            var second = new HistoryChunk();
            second.Events.Add(ProtoConverter.ToProto(new TaskScheduledEvent(1, at, "Step", null)));
            return [first, second];
        });
        using SidecarConnection connection = SidecarConnection.Open(_sidecar.Address);

        var history = await new SidecarHistoryReader(connection).GetHistoryAsync("i-12");

        Assert.Collection(
            history,
            e => Assert.IsType<OrchestratorStartedEvent>(e),
            e => Assert.Equal("Flow", Assert.IsType<ExecutionStartedEvent>(e).Name),
            e => Assert.Equal("Step", Assert.IsType<TaskScheduledEvent>(e).Name));
    }

    [Fact]
    public async Task HistoryReader_NotFound_ThrowsInstanceNotFound()
    {
        _sidecar.On<StreamInstanceHistoryRequest, IReadOnlyList<HistoryChunk>>(nameof(Methods.StreamInstanceHistory),
            _ => throw new RpcException(new Status(StatusCode.NotFound, "No instance.")));
        using SidecarConnection connection = SidecarConnection.Open(_sidecar.Address);

        InstanceNotFoundException error = await Assert.ThrowsAsync<InstanceNotFoundException>(
            () => new SidecarHistoryReader(connection).GetHistoryAsync("i-13"));

        Assert.Equal("i-13", error.InstanceId);
    }
}
