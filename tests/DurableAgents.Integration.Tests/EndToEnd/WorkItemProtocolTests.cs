using DurableAgents.Integration.Tests.Infrastructure;
using DurableAgents.Protocol;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.DurableTask.Protobuf;
using ProtoStatus = Microsoft.DurableTask.Protobuf.OrchestrationStatus;

namespace DurableAgents.Integration.Tests.EndToEnd;

/// <summary>The worker side of the protocol, driven by hand over a real stream: tokens, abandon, history cache, pings.</summary>
// xunit disposes the fields through IAsyncLifetime.DisposeAsync.
#pragma warning disable CA1001
public sealed class WorkItemProtocolTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private const string ManualOrchestrator = "ManualOrchestrator";
    private const string ManualActivity = "ManualActivity";
    private readonly TempDirectory _directory = new();
    private SidecarFixture _sidecar = null!;
    private GrpcChannel _channel = null!;
    private TaskHubSidecarService.TaskHubSidecarServiceClient _client = null!;

    public async Task InitializeAsync()
    {
        _sidecar = await SidecarFixture.StartAsync(
            _directory.File("protocol.db"),
            o =>
            {
                o.HealthPingInterval = TimeSpan.FromMilliseconds(200);
                o.HistoryChunkSize = 3;
            },
            new Dictionary<string, string?> { ["TaskHub:AbandonedWorkRetryDelay"] = "00:00:00.050" });
        _channel = GrpcChannel.ForAddress(_sidecar.GrpcAddress);
        _client = new TaskHubSidecarService.TaskHubSidecarServiceClient(_channel);
    }

    public async Task DisposeAsync()
    {
        _channel.Dispose();
        await _sidecar.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task GetWorkItems_NoWork_SendsHealthPingsOnTheIdleStream()
    {
        await using ManualWorker worker = await ManualWorker.OpenAsync(_client, ["NothingEverRuns"], []);

        WorkItem first = await worker.NextAsync();
        WorkItem second = await worker.NextAsync();

        Assert.Equal(WorkItem.RequestOneofCase.HealthPing, first.RequestCase);
        Assert.Equal(WorkItem.RequestOneofCase.HealthPing, second.RequestCase);
    }

    [Fact]
    public async Task GetWorkItems_FiltersWithOnlyEmptyLists_MeansNoFilteringAsTheOfficialWorkerSendsThemByDefault()
    {
        string name = ManualOrchestrator + "-unfiltered";
        await using ManualWorker worker = await ManualWorker.OpenAsync(_client, [], []);
        string id = await StartAsync(name, "\"in\"");

        WorkItem item = await worker.NextWorkAsync();
        while (item.OrchestratorRequest?.InstanceId != id)
        {
            item = await worker.NextWorkAsync();
        }

        Assert.Contains(item.OrchestratorRequest.NewEvents, e => e.ExecutionStarted?.Name == name);
    }

    [Fact]
    public async Task AbandonTaskOrchestratorWorkItem_GivenBack_IsSentAgainUnderANewTokenAndTheOldTokenIsRefused()
    {
        string name = ManualOrchestrator + "-abandon";
        await using ManualWorker worker = await ManualWorker.OpenAsync(_client, [name], []);
        string id = await StartAsync(name, "\"in\"");

        WorkItem first = await worker.NextWorkAsync();
        await _client.AbandonTaskOrchestratorWorkItemAsync(new AbandonOrchestrationTaskRequest { CompletionToken = first.CompletionToken });
        WorkItem second = await worker.NextWorkAsync();

        Assert.Equal(id, first.OrchestratorRequest.InstanceId);
        Assert.Equal(id, second.OrchestratorRequest.InstanceId);
        Assert.False(string.IsNullOrEmpty(first.CompletionToken));
        Assert.NotEqual(first.CompletionToken, second.CompletionToken);
        // The same messages again, in a new episode (with its own OrchestratorStarted time).
        Assert.Equal(
            first.OrchestratorRequest.NewEvents.Where(e => e.OrchestratorStarted is null),
            second.OrchestratorRequest.NewEvents.Where(e => e.OrchestratorStarted is null));
        Assert.Contains(second.OrchestratorRequest.NewEvents, e => e.ExecutionStarted?.Name == name);

        var stale = await Assert.ThrowsAsync<RpcException>(() => _client.CompleteOrchestratorTaskAsync(Complete(first, "\"stale\"")).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, stale.StatusCode);

        await _client.CompleteOrchestratorTaskAsync(Complete(second, "\"done after abandon\""));
        GetInstanceResponse done = await WaitForCompletionAsync(id);
        Assert.Equal(ProtoStatus.Completed, done.OrchestrationState.OrchestrationStatus);
        Assert.Equal("\"done after abandon\"", done.OrchestrationState.Output);
    }

    [Fact]
    public async Task AbandonTaskActivityWorkItem_GivenBack_IsRunAgainAndItsResultReachesTheOrchestration()
    {
        string name = ManualOrchestrator + "-activity";
        string activity = ManualActivity + "-abandon";
        await using ManualWorker worker = await ManualWorker.OpenAsync(_client, [name], [activity]);
        string id = await StartAsync(name, "\"in\"");

        WorkItem episode1 = await worker.NextWorkAsync();
        await _client.CompleteOrchestratorTaskAsync(ScheduleActivity(episode1, activity, "\"payload\""));
        WorkItem run1 = await worker.NextWorkAsync();
        await _client.AbandonTaskActivityWorkItemAsync(new AbandonActivityTaskRequest { CompletionToken = run1.CompletionToken });
        WorkItem run2 = await worker.NextWorkAsync();
        await _client.CompleteActivityTaskAsync(new ActivityResponse
        {
            InstanceId = id,
            TaskId = run2.ActivityRequest.TaskId,
            Result = "\"activity output\"",
            CompletionToken = run2.CompletionToken,
        });
        WorkItem episode2 = await worker.NextWorkAsync();

        Assert.Equal(activity, run1.ActivityRequest.Name);
        Assert.Equal("\"payload\"", run1.ActivityRequest.Input);
        Assert.Equal(id, run1.ActivityRequest.OrchestrationInstance.InstanceId);
        Assert.Equal(run1.ActivityRequest, run2.ActivityRequest);
        Assert.NotEqual(run1.CompletionToken, run2.CompletionToken);
        HistoryEvent completed = Assert.Single(episode2.OrchestratorRequest.NewEvents, e => e.TaskCompleted is not null);
        Assert.Equal(1, completed.TaskCompleted.TaskScheduledId);
        Assert.Equal("\"activity output\"", completed.TaskCompleted.Result);
        Assert.Contains(episode2.OrchestratorRequest.PastEvents, e => e.TaskScheduled?.Name == activity && e.EventId == 1);

        await _client.CompleteOrchestratorTaskAsync(Complete(episode2, completed.TaskCompleted.Result));
        Assert.Equal("\"activity output\"", (await WaitForCompletionAsync(id)).OrchestrationState.Output);
    }

    [Fact]
    public async Task GetWorkItems_HistoryCacheCapability_OmitsPastEventsAndSendsThemWhenTheWorkerRequiresHistory()
    {
        string name = ManualOrchestrator + "-cache";
        string activity = ManualActivity + "-cache";
        await using ManualWorker worker = await ManualWorker.OpenAsync(_client, [name], [activity], historyCache: true);
        string id = await StartAsync(name, "\"in\"");

        WorkItem episode1 = await worker.NextWorkAsync();
        await _client.CompleteOrchestratorTaskAsync(ScheduleActivity(episode1, activity, "\"x\""));
        WorkItem run = await worker.NextWorkAsync();
        await _client.CompleteActivityTaskAsync(new ActivityResponse { InstanceId = id, TaskId = 1, Result = "\"y\"", CompletionToken = run.CompletionToken });
        WorkItem cached = await worker.NextWorkAsync();
        await _client.CompleteOrchestratorTaskAsync(new OrchestratorResponse { InstanceId = id, CompletionToken = cached.CompletionToken, RequiresHistory = true });
        WorkItem full = await worker.NextWorkAsync();

        Assert.Empty(cached.OrchestratorRequest.PastEvents);
        Assert.True(cached.OrchestratorRequest.Properties.TryGetValue("durableagents.pastEventCount", out Google.Protobuf.WellKnownTypes.Value? count));
        Assert.True(count.NumberValue > 0, "the stored history length should be positive");
        Assert.Equal(cached.CompletionToken, full.CompletionToken);
        Assert.Equal((int)count.NumberValue, full.OrchestratorRequest.PastEvents.Count);
        Assert.Equal(cached.OrchestratorRequest.NewEvents, full.OrchestratorRequest.NewEvents);

        await _client.CompleteOrchestratorTaskAsync(Complete(full, "\"y\""));
        Assert.Equal(ProtoStatus.Completed, (await WaitForCompletionAsync(id)).OrchestrationState.OrchestrationStatus);
    }

    [Fact]
    public async Task StreamInstanceHistory_HistoryLongerThanAChunk_ArrivesInSeveralChunksThatAddUpToTheHistory()
    {
        string name = ManualOrchestrator + "-chunks";
        string activity = ManualActivity + "-chunks";
        await using ManualWorker worker = await ManualWorker.OpenAsync(_client, [name], [activity]);
        string id = await StartAsync(name, "\"in\"");
        WorkItem episode1 = await worker.NextWorkAsync();
        await _client.CompleteOrchestratorTaskAsync(ScheduleActivity(episode1, activity, "\"x\""));
        WorkItem run = await worker.NextWorkAsync();
        await _client.CompleteActivityTaskAsync(new ActivityResponse { InstanceId = id, TaskId = 1, Result = "\"y\"", CompletionToken = run.CompletionToken });
        await _client.CompleteOrchestratorTaskAsync(Complete(await worker.NextWorkAsync(), "\"y\""));
        await WaitForCompletionAsync(id);

        var chunks = new List<HistoryChunk>();
        await foreach (HistoryChunk chunk in _client.StreamInstanceHistory(new StreamInstanceHistoryRequest { InstanceId = id }).ResponseStream.ReadAllAsync())
        {
            chunks.Add(chunk);
        }

        IReadOnlyList<DurableAgents.History.HistoryEvent> stored = await _sidecar.Engine.GetHistoryAsync(id);
        Assert.True(chunks.Count >= 2, $"{stored.Count} events came in {chunks.Count} chunk(s) of at most 3");
        Assert.All(chunks, c => Assert.InRange(c.Events.Count, 1, 3));
        Assert.Equal(stored, ProtoConverter.ToHistoryEvents(chunks.SelectMany(c => c.Events)));
    }

    [Fact]
    public async Task CompleteOrchestratorTask_ResultInChunks_CommitsOnceWhenTheLastChunkArrives()
    {
        string name = ManualOrchestrator + "-chunks";
        await using ManualWorker worker = await ManualWorker.OpenAsync(_client, [name], []);
        string id = await StartAsync(name, "null");
        WorkItem item = await worker.NextWorkAsync();
        OrchestratorResponse schedule = ScheduleActivity(item, "Never", "1");
        OrchestratorResponse complete = Complete(item, "\"done in two chunks\"");
#pragma warning disable CS0612 // the official worker still chunks with these deprecated fields
        schedule.IsPartial = true;
        schedule.ChunkIndex = 0;
        complete.ChunkIndex = 1;
#pragma warning restore CS0612

        await _client.CompleteOrchestratorTaskAsync(schedule);
        IReadOnlyList<DurableAgents.History.HistoryEvent> betweenHistory = await _sidecar.Engine.GetHistoryAsync(id);
        await _client.CompleteOrchestratorTaskAsync(complete);
        GetInstanceResponse done = await WaitForCompletionAsync(id);

        Assert.DoesNotContain(betweenHistory, e => e is DurableAgents.History.TaskScheduledEvent);
        Assert.Equal("\"done in two chunks\"", done.OrchestrationState.Output);
        IReadOnlyList<DurableAgents.History.HistoryEvent> history = await _sidecar.Engine.GetHistoryAsync(id);
        Assert.Single(history.OfType<DurableAgents.History.TaskScheduledEvent>());
    }

    [Fact]
    public async Task CompleteOrchestratorTask_WorkerDisconnectsBetweenChunks_NothingIsWrittenAndTheEpisodeRunsAgain()
    {
        string name = ManualOrchestrator + "-chunks-lost";
        string id;
        WorkItem first;
        OrchestratorResponse rest;
        await using (ManualWorker worker = await ManualWorker.OpenAsync(_client, [name], []))
        {
            id = await StartAsync(name, "null");
            first = await worker.NextWorkAsync();
            OrchestratorResponse schedule = ScheduleActivity(first, "Never", "1");
            rest = Complete(first, "\"too late\"");
#pragma warning disable CS0612 // the official worker still chunks with these deprecated fields
            schedule.IsPartial = true;
            schedule.ChunkIndex = 0;
            rest.ChunkIndex = 1;
#pragma warning restore CS0612
            await _client.CompleteOrchestratorTaskAsync(schedule);
        }

        await using ManualWorker second = await ManualWorker.OpenAsync(_client, [name], []);
        WorkItem again = await second.NextWorkAsync();
        var stale = await Assert.ThrowsAsync<RpcException>(() => _client.CompleteOrchestratorTaskAsync(rest).ResponseAsync);
        await _client.CompleteOrchestratorTaskAsync(Complete(again, "\"whole\""));
        GetInstanceResponse done = await WaitForCompletionAsync(id);

        Assert.Equal(id, again.OrchestratorRequest.InstanceId);
        Assert.NotEqual(first.CompletionToken, again.CompletionToken);
        Assert.Equal(StatusCode.NotFound, stale.StatusCode);
        Assert.Equal("\"whole\"", done.OrchestrationState.Output);
        IReadOnlyList<DurableAgents.History.HistoryEvent> history = await _sidecar.Engine.GetHistoryAsync(id);
        Assert.DoesNotContain(history, e => e is DurableAgents.History.TaskScheduledEvent);
    }

    [Fact]
    public async Task CompleteOrchestratorTask_ChunkOutOfOrder_IsRefusedWithInvalidArgument()
    {
        string name = ManualOrchestrator + "-chunks-order";
        await using ManualWorker worker = await ManualWorker.OpenAsync(_client, [name], []);
        await StartAsync(name, "null");
        WorkItem item = await worker.NextWorkAsync();
        OrchestratorResponse chunk = ScheduleActivity(item, "Never", "1");
#pragma warning disable CS0612 // the official worker still chunks with these deprecated fields
        chunk.IsPartial = true;
        chunk.ChunkIndex = 1;
#pragma warning restore CS0612

        var error = await Assert.ThrowsAsync<RpcException>(() => _client.CompleteOrchestratorTaskAsync(chunk).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("chunkIndex", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StreamInstanceHistory_UnknownInstance_EndsWithNotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            await foreach (HistoryChunk _ in _client.StreamInstanceHistory(new StreamInstanceHistoryRequest { InstanceId = "no-such-instance" }).ResponseStream.ReadAllAsync())
            {
            }
        });

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task CompleteActivityTask_TokenNeverIssued_IsRefusedWithNotFound()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _client.CompleteActivityTaskAsync(new ActivityResponse { InstanceId = "x", TaskId = 1, Result = "1", CompletionToken = "not-a-token" }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, error.StatusCode);
    }

    [Fact]
    public async Task WaitForInstanceCompletion_DeadlineBeforeTheInstanceFinishes_EndsWithDeadlineExceeded()
    {
        string id = await StartAsync(ManualOrchestrator + "-deadline", "null");

        var error = await Assert.ThrowsAsync<RpcException>(() => _client.WaitForInstanceCompletionAsync(
            new GetInstanceRequest { InstanceId = id }, deadline: DateTime.UtcNow.AddMilliseconds(300)).ResponseAsync);

        Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
        Assert.True((await _client.GetInstanceAsync(new GetInstanceRequest { InstanceId = id })).Exists);
    }

    [Fact]
    public async Task SignalEntity_EntitiesAreNotServed_AnswersUnimplemented()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _client.SignalEntityAsync(new SignalEntityRequest { InstanceId = "@counter@a", Name = "add" }).ResponseAsync);

        Assert.Equal(StatusCode.Unimplemented, error.StatusCode);
        Assert.Contains("SignalEntity", error.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartInstance_InputThatIsNotJson_IsRefusedWithInvalidArgument()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            _client.StartInstanceAsync(new CreateInstanceRequest { InstanceId = "bad-json", Name = ManualOrchestrator, Input = "{not json" }).ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("CreateInstanceRequest.input", error.Status.Detail, StringComparison.Ordinal);
        Assert.False((await _client.GetInstanceAsync(new GetInstanceRequest { InstanceId = "bad-json" })).Exists);
    }

    [Fact]
    public async Task StartInstance_EpochScheduledStartAsDurableTaskJsSendsIt_StartsAtOnce()
    {
        string name = ManualOrchestrator + "-epoch";
        await using ManualWorker worker = await ManualWorker.OpenAsync(_client, [name], []);
        await _client.StartInstanceAsync(new CreateInstanceRequest
        {
            InstanceId = "epoch-start",
            Name = name,
            ScheduledStartTimestamp = new Google.Protobuf.WellKnownTypes.Timestamp(),
        });

        WorkItem item = await worker.NextWorkAsync();

        Assert.Equal("epoch-start", item.OrchestratorRequest.InstanceId);
        await _client.CompleteOrchestratorTaskAsync(Complete(item, "null"));
    }

    private async Task<string> StartAsync(string name, string input)
    {
        CreateInstanceResponse response = await _client.StartInstanceAsync(
            new CreateInstanceRequest { InstanceId = $"{name}-{Guid.NewGuid():N}", Name = name, Input = input });
        return response.InstanceId;
    }

    private async Task<GetInstanceResponse> WaitForCompletionAsync(string id)
    {
        using var timeout = new CancellationTokenSource(TestDeadline.Duration);
        return await _client.WaitForInstanceCompletionAsync(
            new GetInstanceRequest { InstanceId = id, GetInputsAndOutputs = true }, cancellationToken: timeout.Token);
    }

    private static OrchestratorResponse Complete(WorkItem item, string result)
    {
        var response = new OrchestratorResponse { InstanceId = item.OrchestratorRequest.InstanceId, CompletionToken = item.CompletionToken };
        response.Actions.Add(new OrchestratorAction
        {
            Id = -1,
            CompleteOrchestration = new CompleteOrchestrationAction { OrchestrationStatus = ProtoStatus.Completed, Result = result },
        });
        return response;
    }

    private static OrchestratorResponse ScheduleActivity(WorkItem item, string activity, string input)
    {
        var response = new OrchestratorResponse { InstanceId = item.OrchestratorRequest.InstanceId, CompletionToken = item.CompletionToken };
        response.Actions.Add(new OrchestratorAction { Id = 1, ScheduleTask = new ScheduleTaskAction { Name = activity, Input = input } });
        return response;
    }
}
