using DurableAgents.Client;
using DurableAgents.Integration.Tests.Worker;
using DurableAgents.Protocol;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.DurableTask.Protobuf;
using Google.Protobuf.WellKnownTypes;
using ExecutionStartedEvent = DurableAgents.History.ExecutionStartedEvent;
using OrchestrationStatus = DurableAgents.OrchestrationStatus;
using OrchestratorStartedEvent = DurableAgents.History.OrchestratorStartedEvent;
using ProtoStatus = Microsoft.DurableTask.Protobuf.OrchestrationStatus;
using TaskName = Microsoft.DurableTask.TaskName;
using TaskScheduledEvent = DurableAgents.History.TaskScheduledEvent;

using Methods = Microsoft.DurableTask.Protobuf.TaskHubSidecarService.TaskHubSidecarServiceBase;

namespace DurableAgents.Integration.Tests.Client;

// xunit disposes the fields through IAsyncLifetime.DisposeAsync.
#pragma warning disable CA1001
public sealed class GrpcDurableTaskClientTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private FakeSidecar _sidecar = null!;
    private GrpcDurableTaskClient _client = null!;

    public async Task InitializeAsync()
    {
        _sidecar = await FakeSidecar.StartAsync();
        _client = new GrpcDurableTaskClient(new GrpcDurableTaskClientOptions { Address = _sidecar.Address });
    }

    public async Task DisposeAsync()
    {
        await _client.DisposeAsync();
        await _sidecar.DisposeAsync();
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_NoInstanceId_SendsNewGuidNameAndJsonInput()
    {
        CreateInstanceRequest? received = null;
        _sidecar.On<CreateInstanceRequest, CreateInstanceResponse>(nameof(Methods.StartInstance), request =>
        {
            received = request;
            return new CreateInstanceResponse { InstanceId = request.InstanceId };
        });

        var instanceId = await _client.ScheduleNewOrchestrationInstanceAsync("Greeting", new { Name = "Ada", Count = 2 });

        Assert.NotNull(received);
        Assert.Equal(received.InstanceId, instanceId);
        Assert.True(Guid.TryParseExact(instanceId, "N", out _), $"'{instanceId}' is not a GUID in N format");
        Assert.Equal("Greeting", received.Name);
        Assert.Equal("""{"name":"Ada","count":2}""", received.Input);
        Assert.Null(received.ScheduledStartTimestamp);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_WithOptions_SendsIdStartTimeAndTags()
    {
        CreateInstanceRequest? received = null;
        _sidecar.On<CreateInstanceRequest, CreateInstanceResponse>(nameof(Methods.StartInstance), request =>
        {
            received = request;
            return new CreateInstanceResponse { InstanceId = request.InstanceId };
        });
        var startAt = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var options = new StartOrchestrationOptions("order-42", startAt) { Tags = new Dictionary<string, string> { ["team"] = "payments" } };

        var instanceId = await _client.ScheduleNewOrchestrationInstanceAsync(new TaskName("Checkout"), input: null, options);

        Assert.Equal("order-42", instanceId);
        Assert.NotNull(received);
        Assert.Null(received.Input);
        Assert.Equal(startAt, received.ScheduledStartTimestamp.ToDateTimeOffset());
        Assert.Equal("payments", received.Tags["team"]);
    }

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_AlreadyExists_ThrowsWithCurrentStatus()
    {
        _sidecar.On<CreateInstanceRequest, CreateInstanceResponse>(nameof(Methods.StartInstance),
            request => throw new RpcException(new Status(StatusCode.AlreadyExists, $"Instance '{request.InstanceId}' is Running.")));
        _sidecar.On<GetInstanceRequest, GetInstanceResponse>(nameof(Methods.GetInstance), request => Exists(request.InstanceId, ProtoStatus.Suspended));

        var error = await Assert.ThrowsAsync<InstanceAlreadyExistsException>(
            () => _client.ScheduleNewOrchestrationInstanceAsync("Greeting", options: new StartOrchestrationOptions("dup")));

        Assert.Equal("dup", error.InstanceId);
        Assert.Equal(OrchestrationStatus.Suspended, error.Status);
    }

    [Fact]
    public async Task GetInstanceAsync_Unknown_ReturnsNull()
    {
        _sidecar.On<GetInstanceRequest, GetInstanceResponse>(nameof(Methods.GetInstance), _ => new GetInstanceResponse { Exists = false });

        Assert.Null(await _client.GetInstanceAsync("nobody"));
    }

    [Fact]
    public async Task GetInstanceAsync_Known_MapsStateAndUsesTheClientsConverter()
    {
        GetInstanceRequest? received = null;
        var created = new DateTime(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);
        _sidecar.On<GetInstanceRequest, GetInstanceResponse>(nameof(Methods.GetInstance), request =>
        {
            received = request;
            var response = Exists(request.InstanceId, ProtoStatus.Failed);
            response.OrchestrationState.CreatedTimestamp = Timestamp.FromDateTime(created);
            response.OrchestrationState.CompletedTimestamp = Timestamp.FromDateTime(created.AddMinutes(1));
            response.OrchestrationState.Input = """{"amount":12}""";
            response.OrchestrationState.FailureDetails = new Microsoft.DurableTask.Protobuf.TaskFailureDetails { ErrorType = "System.InvalidOperationException", ErrorMessage = "boom" };
            return response;
        });

        var metadata = await _client.GetInstanceAsync("i-1", getInputsAndOutputs: true);

        Assert.NotNull(received);
        Assert.True(received.GetInputsAndOutputs);
        Assert.NotNull(metadata);
        Assert.Equal("i-1", metadata.InstanceId);
        Assert.Equal("Flow", metadata.Name);
        Assert.Equal(OrchestrationStatus.Failed, metadata.RuntimeStatus);
        Assert.Equal(created, metadata.CreatedAt.UtcDateTime);
        Assert.Equal(created.AddMinutes(1), metadata.CompletedAt?.UtcDateTime);
        Assert.Equal(12, metadata.ReadInputAs<Payment>()!.Amount);
        Assert.Equal("boom", metadata.FailureDetails?.ErrorMessage);
        Assert.True(metadata.FailureDetails!.IsCausedBy<InvalidOperationException>());
    }

    [Fact]
    public async Task WaitForInstanceCompletionAsync_SidecarAnswersLater_ReturnsFinalState()
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var called = new TaskCompletionSource<DateTime>(TaskCreationOptions.RunContinuationsAsynchronously);
        _sidecar.On<GetInstanceRequest, GetInstanceResponse>(nameof(Methods.WaitForInstanceCompletion), async (request, context) =>
        {
            called.TrySetResult(context.Deadline);
            await release.Task.WaitAsync(context.CancellationToken);
            return Exists(request.InstanceId, ProtoStatus.Completed);
        });

        var waiting = _client.WaitForInstanceCompletionAsync("i-2");
        var deadline = await called.Task.WithinDeadline("the wait call to reach the sidecar");
        Assert.False(waiting.IsCompleted);
        release.SetResult();
        var metadata = await waiting.WithinDeadline("the wait to finish");

        Assert.Equal(DateTime.MaxValue, deadline);
        Assert.Equal(OrchestrationStatus.Completed, metadata.RuntimeStatus);
    }

    [Fact]
    public async Task WaitForInstanceStartAsync_Cancelled_ThrowsOperationCanceledAndCancelsTheServerCall()
    {
        var serverCancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var called = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _sidecar.On<GetInstanceRequest, GetInstanceResponse>(nameof(Methods.WaitForInstanceStart), async (_, context) =>
        {
            context.CancellationToken.Register(() => serverCancelled.TrySetResult());
            called.TrySetResult();
            await Task.Delay(Timeout.Infinite, context.CancellationToken);
            throw new InvalidOperationException("unreachable");
        });
        using var cancellation = new CancellationTokenSource();

        var waiting = _client.WaitForInstanceStartAsync("i-3", cancellation: cancellation.Token);
        await called.Task.WithinDeadline("the wait call to reach the sidecar");
        await cancellation.CancelAsync();

        var error = await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        Assert.Equal(cancellation.Token, error.CancellationToken);
        await serverCancelled.Task.WithinDeadline("the sidecar to see the call cancelled");
    }

    [Fact]
    public async Task WaitForInstanceStartAsync_Unknown_ThrowsInstanceNotFound()
    {
        _sidecar.On<GetInstanceRequest, GetInstanceResponse>(nameof(Methods.WaitForInstanceStart), _ => new GetInstanceResponse { Exists = false });

        var error = await Assert.ThrowsAsync<InstanceNotFoundException>(() => _client.WaitForInstanceStartAsync("ghost"));
        Assert.Equal("ghost", error.InstanceId);
    }

    [Fact]
    public async Task RaiseEventAsync_Payload_SendsNameAndJson()
    {
        RaiseEventRequest? received = null;
        _sidecar.On<RaiseEventRequest, RaiseEventResponse>(nameof(Methods.RaiseEvent), request =>
        {
            received = request;
            return new RaiseEventResponse();
        });

        await _client.RaiseEventAsync("i-4", "approval", new { Approved = true });

        Assert.NotNull(received);
        Assert.Equal("i-4", received.InstanceId);
        Assert.Equal("approval", received.Name);
        Assert.Equal("""{"approved":true}""", received.Input);
    }

    [Fact]
    public async Task RaiseEventAsync_NotFound_ThrowsInstanceNotFound()
    {
        _sidecar.On<RaiseEventRequest, RaiseEventResponse>(nameof(Methods.RaiseEvent),
            _ => throw new RpcException(new Status(StatusCode.NotFound, "No instance 'i-5'.")));

        var error = await Assert.ThrowsAsync<InstanceNotFoundException>(() => _client.RaiseEventAsync("i-5", "approval"));
        Assert.Equal("i-5", error.InstanceId);
    }

    [Fact]
    public async Task RaiseEventAsync_FailedPrecondition_ThrowsInvalidInstanceStateWithStatus()
    {
        _sidecar.On<RaiseEventRequest, RaiseEventResponse>(nameof(Methods.RaiseEvent),
            _ => throw new RpcException(new Status(StatusCode.FailedPrecondition, "Instance 'i-6' is Completed.")));
        _sidecar.On<GetInstanceRequest, GetInstanceResponse>(nameof(Methods.GetInstance), request => Exists(request.InstanceId, ProtoStatus.Completed));

        var error = await Assert.ThrowsAsync<InvalidInstanceStateException>(() => _client.RaiseEventAsync("i-6", "approval"));

        Assert.Equal("i-6", error.InstanceId);
        Assert.Equal(OrchestrationStatus.Completed, error.Status);
        Assert.Contains("raise an event on", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SuspendInstanceAsync_InvalidArgument_ThrowsArgumentExceptionWithSidecarMessage()
    {
        _sidecar.On<SuspendRequest, SuspendResponse>(nameof(Methods.SuspendInstance),
            _ => throw new RpcException(new Status(StatusCode.InvalidArgument, "The reason is too long.")));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => _client.SuspendInstanceAsync("i-7", "x"));
        Assert.Contains("The reason is too long.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TerminateSuspendResume_Requests_CarryIdOutputAndReasons()
    {
        TerminateRequest? terminate = null;
        SuspendRequest? suspend = null;
        ResumeRequest? resume = null;
        _sidecar.On<TerminateRequest, TerminateResponse>(nameof(Methods.TerminateInstance), r => { terminate = r; return new TerminateResponse(); });
        _sidecar.On<SuspendRequest, SuspendResponse>(nameof(Methods.SuspendInstance), r => { suspend = r; return new SuspendResponse(); });
        _sidecar.On<ResumeRequest, ResumeResponse>(nameof(Methods.ResumeInstance), r => { resume = r; return new ResumeResponse(); });

        await _client.TerminateInstanceAsync("i-8", new TerminateInstanceOptions { Output = "cancelled by user", Recursive = false });
        await _client.SuspendInstanceAsync("i-8", "maintenance");
        await _client.ResumeInstanceAsync("i-8", "done");

        Assert.Equal("\"cancelled by user\"", terminate?.Output);
        Assert.False(terminate!.Recursive);
        Assert.Equal("maintenance", suspend?.Reason);
        Assert.Equal("done", resume?.Reason);
    }

    [Fact]
    public async Task GetAllInstancesAsync_ThreePages_FollowsContinuationTokens()
    {
        var received = new List<InstanceQuery>();
        _sidecar.On<QueryInstancesRequest, QueryInstancesResponse>(nameof(Methods.QueryInstances), request =>
        {
            lock (received)
            {
                received.Add(request.Query);
            }

            var page = request.Query.ContinuationToken switch
            {
                null => 0,
                "p1" => 1,
                "p2" => 2,
                var other => throw new RpcException(new Status(StatusCode.InvalidArgument, $"Unknown token {other}.")),
            };
            var response = new QueryInstancesResponse { ContinuationToken = page < 2 ? $"p{page + 1}" : null };
            response.OrchestrationState.Add(State($"i-{page}a", ProtoStatus.Running));
            response.OrchestrationState.Add(State($"i-{page}b", ProtoStatus.Running));
            return response;
        });
        var query = new OrchestrationQuery
        {
            PageSize = 2,
            Statuses = [OrchestrationStatus.Running, OrchestrationStatus.Pending],
            InstanceIdPrefix = "i-",
            CreatedFrom = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero),
        };

        var ids = new List<string>();
        await foreach (var metadata in _client.GetAllInstancesAsync(query))
        {
            ids.Add(metadata.InstanceId);
        }

        Assert.Equal(["i-0a", "i-0b", "i-1a", "i-1b", "i-2a", "i-2b"], ids);
        Assert.Equal(3, received.Count);
        Assert.All(received, q =>
        {
            Assert.Equal(2, q.MaxInstanceCount);
            Assert.Equal("i-", q.InstanceIdPrefix);
            Assert.Equal([ProtoStatus.Running, ProtoStatus.Pending], q.RuntimeStatus);
            Assert.Equal(query.CreatedFrom, q.CreatedTimeFrom.ToDateTimeOffset());
        });
    }

    [Fact]
    public async Task PurgeInstanceAsync_ById_ReturnsDeletedCount()
    {
        PurgeInstancesRequest? received = null;
        _sidecar.On<PurgeInstancesRequest, PurgeInstancesResponse>(nameof(Methods.PurgeInstances), request =>
        {
            received = request;
            return new PurgeInstancesResponse { DeletedInstanceCount = 1, IsComplete = true };
        });

        var result = await _client.PurgeInstanceAsync("i-9", new PurgeInstanceOptions { Recursive = true });

        Assert.Equal(1, result.PurgedInstanceCount);
        Assert.Equal(PurgeInstancesRequest.RequestOneofCase.InstanceId, received?.RequestCase);
        Assert.True(received!.Recursive);
    }

    [Fact]
    public async Task PurgeAllInstancesAsync_Filter_SendsTimesAndStatuses()
    {
        PurgeInstancesRequest? received = null;
        _sidecar.On<PurgeInstancesRequest, PurgeInstancesResponse>(nameof(Methods.PurgeInstances), request =>
        {
            received = request;
            return new PurgeInstancesResponse { DeletedInstanceCount = 7, IsComplete = true };
        });
        var from = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        var result = await _client.PurgeAllInstancesAsync(new PurgeInstancesFilter(from, from.AddDays(1), [OrchestrationStatus.Failed]));

        Assert.Equal(7, result.PurgedInstanceCount);
        var filter = received?.PurgeInstanceFilter;
        Assert.NotNull(filter);
        Assert.Equal(from, filter.CreatedTimeFrom.ToDateTimeOffset());
        Assert.Equal(from.AddDays(1), filter.CreatedTimeTo.ToDateTimeOffset());
        Assert.Equal([ProtoStatus.Failed], filter.RuntimeStatus);
    }

    [Fact]
    public async Task PurgeInstanceAsync_NotTerminal_ThrowsInvalidInstanceState()
    {
        _sidecar.On<PurgeInstancesRequest, PurgeInstancesResponse>(nameof(Methods.PurgeInstances),
            _ => throw new RpcException(new Status(StatusCode.FailedPrecondition, "Instance is Running.")));
        _sidecar.On<GetInstanceRequest, GetInstanceResponse>(nameof(Methods.GetInstance), request => Exists(request.InstanceId, ProtoStatus.Running));

        var error = await Assert.ThrowsAsync<InvalidInstanceStateException>(() => _client.PurgeInstanceAsync("i-10"));
        Assert.Equal(OrchestrationStatus.Running, error.Status);
    }

    [Fact]
    public async Task RestartAsync_NewInstanceId_ReturnsTheSidecarsId()
    {
        RestartInstanceRequest? received = null;
        _sidecar.On<RestartInstanceRequest, RestartInstanceResponse>(nameof(Methods.RestartInstance), request =>
        {
            received = request;
            return new RestartInstanceResponse { InstanceId = "fresh" };
        });

        var id = await _client.RestartAsync("i-11", restartWithNewInstanceId: true);

        Assert.Equal("fresh", id);
        Assert.True(received?.RestartWithNewInstanceId);
    }

    [Fact]
    public async Task GetOrchestrationHistoryAsync_SeveralChunks_ReturnsEventsInOrder()
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

        var history = await _client.GetOrchestrationHistoryAsync("i-12");

        Assert.Collection(
            history,
            e => Assert.IsType<OrchestratorStartedEvent>(e),
            e => Assert.Equal("Flow", Assert.IsType<ExecutionStartedEvent>(e).Name),
            e => Assert.Equal("Step", Assert.IsType<TaskScheduledEvent>(e).Name));
    }

    [Fact]
    public async Task GetOrchestrationHistoryAsync_NotFound_ThrowsInstanceNotFound()
    {
        _sidecar.On<StreamInstanceHistoryRequest, IReadOnlyList<HistoryChunk>>(nameof(Methods.StreamInstanceHistory),
            _ => throw new RpcException(new Status(StatusCode.NotFound, "No instance.")));

        await Assert.ThrowsAsync<InstanceNotFoundException>(() => _client.GetOrchestrationHistoryAsync("i-13"));
    }

    [Fact]
    public async Task AnyCall_ApiKeyConfigured_SendsTheHeader()
    {
        _sidecar.On<GetInstanceRequest, GetInstanceResponse>(nameof(Methods.GetInstance), (request, context) =>
            context.RequestHeaders.GetValue("x-api-key") == "s3cret"
                ? Task.FromResult(new GetInstanceResponse { Exists = false })
                : throw new RpcException(new Status(StatusCode.Unauthenticated, "Missing or wrong API key.")));
        await using var withKey = new GrpcDurableTaskClient(new GrpcDurableTaskClientOptions { Address = _sidecar.Address, ApiKey = "s3cret" });

        Assert.Null(await withKey.GetInstanceAsync("i-14"));
        var error = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => _client.GetInstanceAsync("i-14"));
        Assert.Contains("ApiKey", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCall_NothingListening_ThrowsSidecarUnavailableNamingTheAddress()
    {
        var port = FreePort.Find();
        await using var client = new GrpcDurableTaskClient(new GrpcDurableTaskClientOptions { Address = $"http://127.0.0.1:{port}" });

        var error = await Assert.ThrowsAsync<SidecarUnavailableException>(() => client.GetInstanceAsync("i-15"));

        Assert.Contains($"127.0.0.1:{port}", error.Message, StringComparison.Ordinal);
    }

    private static GetInstanceResponse Exists(string instanceId, ProtoStatus status) =>
        new() { Exists = true, OrchestrationState = State(instanceId, status) };

    private static OrchestrationState State(string instanceId, ProtoStatus status) =>
        new() { InstanceId = instanceId, Name = "Flow", OrchestrationStatus = status };

    private sealed record Payment(int Amount);
}
