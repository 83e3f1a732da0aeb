using DurableAgents.Actions;
using DurableAgents.History;
using DurableAgents.TaskHub.Tests.Engine.Infrastructure;

namespace DurableAgents.TaskHub.Tests.Engine;

/// <summary>Completion tokens, leases, abandonment and disconnects, answered by hand on raw connections.</summary>
public sealed class TaskHubEngineWorkItemTests
{
    private static ScheduleTaskAction Schedule(int id) => new(id, "Work", Json.Of(id));

    [Fact]
    public async Task CompleteOrchestratorWorkItemAsync_SameTokenTwice_SecondIsRejectedAndChangesNothing()
    {
        await using TestHub hub = await TestHub.StartAsync();
        await using WorkerConnection worker = hub.Engine.ConnectWorker();
        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Manual"));
        OrchestratorWorkItem item = await worker.NextAsync<OrchestratorWorkItem>();

        await hub.Engine.CompleteOrchestratorWorkItemAsync(item.CompletionToken, [Schedule(1)], null);
        IReadOnlyList<HistoryEvent> before = await hub.Engine.GetHistoryAsync(id);
        await Assert.ThrowsAsync<StaleCompletionTokenException>(() => hub.Engine.CompleteOrchestratorWorkItemAsync(
            item.CompletionToken, [new CompleteOrchestrationAction(2, OrchestrationStatus.Completed, Json.Of("x"))], null));

        IReadOnlyList<HistoryEvent> after = await hub.Engine.GetHistoryAsync(id);
        Assert.Equal(before.Count, after.Count);
        Assert.Equal(OrchestrationStatus.Running, (await hub.Engine.GetInstanceAsync(id))!.RuntimeStatus);
        await Assert.ThrowsAsync<StaleCompletionTokenException>(() => hub.Engine.CompleteActivityWorkItemAsync("made-up", null, null));
    }

    [Fact]
    public async Task ActivityLease_Expires_IsRedispatchedAndLateCompletionRejected()
    {
        await using TestHub hub = await TestHub.StartAsync(o => o.ActivityLeaseDuration = TimeSpan.FromMinutes(1));
        await using WorkerConnection worker = hub.Engine.ConnectWorker();
        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Manual"));
        OrchestratorWorkItem episode = await worker.NextAsync<OrchestratorWorkItem>();
        await hub.Engine.CompleteOrchestratorWorkItemAsync(episode.CompletionToken, [Schedule(1)], null);
        ActivityWorkItem first = await worker.NextAsync<ActivityWorkItem>();

        hub.Time.Advance(TimeSpan.FromMinutes(2));
        ActivityWorkItem second = await worker.NextAsync<ActivityWorkItem>();

        Assert.Equal(first.TaskId, second.TaskId);
        Assert.Equal(id, second.InstanceId);
        Assert.NotEqual(first.CompletionToken, second.CompletionToken);
        await Assert.ThrowsAsync<StaleCompletionTokenException>(() => hub.Engine.CompleteActivityWorkItemAsync(first.CompletionToken, Json.Of("late"), null));
        await hub.Engine.CompleteActivityWorkItemAsync(second.CompletionToken, Json.Of("on time"), null);
        OrchestratorWorkItem next = await worker.NextAsync<OrchestratorWorkItem>();
        TaskCompletedEvent result = Assert.Single(next.NewEvents.OfType<TaskCompletedEvent>());
        Assert.Equal(Json.Of("on time"), result.Result);
        Assert.Equal(1, result.TaskScheduledId);
    }

    [Fact]
    public async Task AbandonActivityWorkItemAsync_ActivityIsHandedOutAgain()
    {
        await using TestHub hub = await TestHub.StartAsync();
        await using WorkerConnection worker = hub.Engine.ConnectWorker();
        await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Manual"));
        OrchestratorWorkItem episode = await worker.NextAsync<OrchestratorWorkItem>();
        await hub.Engine.CompleteOrchestratorWorkItemAsync(episode.CompletionToken, [Schedule(1)], null);
        ActivityWorkItem first = await worker.NextAsync<ActivityWorkItem>();

        await hub.Engine.AbandonActivityWorkItemAsync(first.CompletionToken);
        ActivityWorkItem again = await worker.NextAsync<ActivityWorkItem>();

        Assert.Equal(first.TaskId, again.TaskId);
        Assert.Equal(first.Input, again.Input);
        await Assert.ThrowsAsync<StaleCompletionTokenException>(() => hub.Engine.AbandonActivityWorkItemAsync(first.CompletionToken));
    }

    [Fact]
    public async Task AbandonOrchestratorWorkItemAsync_EpisodeIsHandedOutAgainWithSameEvents()
    {
        await using TestHub hub = await TestHub.StartAsync();
        await using WorkerConnection worker = hub.Engine.ConnectWorker();
        await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Manual"));
        OrchestratorWorkItem first = await worker.NextAsync<OrchestratorWorkItem>();

        await hub.Engine.AbandonOrchestratorWorkItemAsync(first.CompletionToken);
        OrchestratorWorkItem again = await worker.NextAsync<OrchestratorWorkItem>();

        Assert.NotEqual(first.CompletionToken, again.CompletionToken);
        Assert.IsType<ExecutionStartedEvent>(again.NewEvents[1]);
    }

    [Fact]
    public async Task Disconnect_InFlightWork_GoesToAnotherWorker()
    {
        await using TestHub hub = await TestHub.StartAsync();
        WorkerConnection first = hub.Engine.ConnectWorker(new WorkerConnectionOptions { Name = "first" });
        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Manual"));
        OrchestratorWorkItem lost = await first.NextAsync<OrchestratorWorkItem>();

        await first.DisposeAsync();
        await using WorkerConnection second = hub.Engine.ConnectWorker(new WorkerConnectionOptions { Name = "second" });
        OrchestratorWorkItem handedOver = await second.NextAsync<OrchestratorWorkItem>();

        Assert.Equal(id, handedOver.InstanceId);
        Assert.False(first.IsConnected);
        await Assert.ThrowsAsync<StaleCompletionTokenException>(() => hub.Engine.CompleteOrchestratorWorkItemAsync(lost.CompletionToken, [], null));
        await hub.Engine.CompleteOrchestratorWorkItemAsync(
            handedOver.CompletionToken, [new CompleteOrchestrationAction(1, OrchestrationStatus.Completed, Json.Of("done"))], null);
        Assert.Equal(OrchestrationStatus.Completed, (await hub.WaitForCompletionAsync(id)).RuntimeStatus);
    }

    [Fact]
    public async Task ConnectWorker_DeclaredNames_GetsOnlyItsOrchestrators()
    {
        await using TestHub hub = await TestHub.StartAsync();
        await using WorkerConnection onlyB = hub.Engine.ConnectWorker(new WorkerConnectionOptions { OrchestratorNames = ["B"] });
        await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("A") { InstanceId = "a" });
        await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("B") { InstanceId = "b" });

        OrchestratorWorkItem item = await onlyB.NextAsync<OrchestratorWorkItem>();
        Assert.Equal("b", item.InstanceId);

        await using WorkerConnection any = hub.Engine.ConnectWorker();
        OrchestratorWorkItem other = await any.NextAsync<OrchestratorWorkItem>();
        Assert.Equal("a", other.InstanceId);
    }

    [Fact]
    public async Task ConnectWorker_DeclaredNamesInAnotherCase_GetsTheOrchestratorAndItsActivities()
    {
        await using TestHub hub = await TestHub.StartAsync();
        await using WorkerConnection worker = hub.Engine.ConnectWorker(
            new WorkerConnectionOptions { OrchestratorNames = ["SupervisorWorkflow"], ActivityNames = ["InvokeAgent"] });
        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("supervisorworkflow"));

        OrchestratorWorkItem item = await worker.NextAsync<OrchestratorWorkItem>();
        Assert.Equal(id, item.InstanceId);
        await hub.Engine.CompleteOrchestratorWorkItemAsync(item.CompletionToken, [new ScheduleTaskAction(1, "INVOKEAGENT", null, null)], null);

        ActivityWorkItem activity = await worker.NextAsync<ActivityWorkItem>();
        Assert.Equal("INVOKEAGENT", activity.Name);
        Assert.Contains("supervisorworkflow", hub.Engine.KnownOrchestratorNames, StringComparer.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task EpisodeConcurrency_OneEpisodePerInstance_EventsBatchIntoNextEpisode()
    {
        await using TestHub hub = await TestHub.StartAsync();
        await using WorkerConnection worker = hub.Engine.ConnectWorker();
        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Manual"));
        OrchestratorWorkItem first = await worker.NextAsync<OrchestratorWorkItem>();

        await hub.Engine.RaiseEventAsync(id, "e1", Json.Of(1));
        await hub.Engine.RaiseEventAsync(id, "e2", Json.Of(2));
        await hub.Engine.CompleteOrchestratorWorkItemAsync(first.CompletionToken, [], null);
        OrchestratorWorkItem second = await worker.NextAsync<OrchestratorWorkItem>();

        Assert.Equal(["e1", "e2"], second.NewEvents.OfType<EventRaisedEvent>().Select(e => e.Name));
        Assert.Equal(first.NewEvents.Count, second.PastEventCount);
        Assert.False(worker.WorkItems.TryRead(out _));
    }

    [Fact]
    public async Task ConnectWorker_MaxConcurrency_LimitsItemsInFlight()
    {
        await using TestHub hub = await TestHub.StartAsync();
        await using WorkerConnection worker = hub.Engine.ConnectWorker(new WorkerConnectionOptions { MaxConcurrentOrchestrations = 2 });
        for (int i = 0; i < 4; i++)
        {
            await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Manual"));
        }

        OrchestratorWorkItem a = await worker.NextAsync<OrchestratorWorkItem>();
        await worker.NextAsync<OrchestratorWorkItem>();
        Assert.False(worker.WorkItems.TryRead(out _));

        await hub.Engine.CompleteOrchestratorWorkItemAsync(
            a.CompletionToken, [new CompleteOrchestrationAction(1, OrchestrationStatus.Completed, null)], null);
        await worker.NextAsync<OrchestratorWorkItem>();
        Assert.False(worker.WorkItems.TryRead(out _));
    }

    [Fact]
    public async Task TerminateAsync_DuringEpisode_AppliesAfterEpisodeCommits()
    {
        await using TestHub hub = await TestHub.StartAsync();
        await using WorkerConnection worker = hub.Engine.ConnectWorker();
        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Manual"));
        OrchestratorWorkItem episode = await worker.NextAsync<OrchestratorWorkItem>();

        await hub.Engine.TerminateAsync(id, Json.Of("stop"));
        Assert.Equal(OrchestrationStatus.Pending, (await hub.Engine.GetInstanceAsync(id))!.RuntimeStatus);
        await hub.Engine.CompleteOrchestratorWorkItemAsync(episode.CompletionToken, [Schedule(1)], null);
        InstanceSnapshot done = await hub.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationStatus.Terminated, done.RuntimeStatus);
        IReadOnlyList<HistoryEvent> history = await hub.Engine.GetHistoryAsync(id);
        Assert.Single(history.OfType<TaskScheduledEvent>());
        Assert.IsType<ExecutionTerminatedEvent>(history[^2]);

        // The activity scheduled just before the terminate may still be handed out; its result changes nothing.
        if (worker.WorkItems.TryRead(out WorkItem? item) && item is ActivityWorkItem activity)
        {
            await hub.Engine.CompleteActivityWorkItemAsync(activity.CompletionToken, Json.Of("ignored"), null);
        }

        Assert.Equal(history.Count, (await hub.Engine.GetHistoryAsync(id)).Count);
    }
}
