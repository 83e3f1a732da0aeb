using Grpc.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using DurableAgents.History;
using DurableAgents.Integration.Tests.Infrastructure;

namespace DurableAgents.Integration.Tests.EndToEnd;

/// <summary>Query, purge, restart and history through the gRPC client (own task hub: purges by time must not meet other tests).</summary>
public sealed class QueryPurgeRestartTests(SidecarEnvironment environment) : IClassFixture<SidecarEnvironment>
{
    private DurableTaskClient Client => environment.Client;

    private IInstanceHistoryReader History => environment.History;

    [Fact]
    public async Task GetAllInstancesAsync_PrefixStatusAndSmallPages_ReturnsEachMatchOnceAcrossPages()
    {
        string prefix = SidecarEnvironment.NewId("query") + "-";
        var completed = new List<string>();
        for (int i = 0; i < 5; i++)
        {
            completed.Add(await Client.ScheduleNewOrchestrationInstanceAsync(TestTasks.Echo, $"input {i}", new StartOrchestrationOptions(prefix + i)));
        }

        string running = await Client.ScheduleNewOrchestrationInstanceAsync(TestTasks.AwaitApproval, null, new StartOrchestrationOptions(prefix + "running"));
        foreach (string id in completed)
        {
            await Client.WaitForInstanceCompletionAsync(id, cancellation: TestDeadline.Token());
        }

        await Client.WaitForInstanceStartAsync(running, cancellation: TestDeadline.Token());

        var pages = new List<Page<OrchestrationMetadata>>();
        await foreach (Page<OrchestrationMetadata> page in Client.GetAllInstancesAsync(new OrchestrationQuery
        {
            InstanceIdPrefix = prefix,
            Statuses = [OrchestrationRuntimeStatus.Completed],
            PageSize = 2,
            FetchInputsAndOutputs = true,
        }).AsPages())
        {
            pages.Add(page);
        }

        List<OrchestrationMetadata> all = pages.SelectMany(p => p.Values).ToList();
        Assert.All(pages, p => Assert.True(p.Values.Count <= 2, $"a page held {p.Values.Count} instances"));
        Assert.True(pages.Count >= 3, $"5 instances in pages of 2 came in {pages.Count} page(s)");
        Assert.Equal(completed.Order(StringComparer.Ordinal), all.Select(m => m.InstanceId).Order(StringComparer.Ordinal));
        Assert.All(all, m => Assert.Equal(OrchestrationRuntimeStatus.Completed, m.RuntimeStatus));
        Assert.All(all, m => Assert.StartsWith("\"input ", m.SerializedOutput, StringComparison.Ordinal));

        List<OrchestrationMetadata> runningOnly = await ToListAsync(Client.GetAllInstancesAsync(new OrchestrationQuery
        {
            InstanceIdPrefix = prefix,
            Statuses = [OrchestrationRuntimeStatus.Running],
        }));
        Assert.Equal([running], runningOnly.Select(m => m.InstanceId));
        Assert.Null(runningOnly[0].SerializedInput);
        await Client.TerminateInstanceAsync(running, "cleanup");
    }

    [Fact]
    public async Task GetAllInstancesAsync_CreatedTimeWindow_ReturnsOnlyInstancesCreatedInIt()
    {
        string prefix = SidecarEnvironment.NewId("window") + "-";
        string before = await Client.ScheduleNewOrchestrationInstanceAsync(TestTasks.Echo, "first", new StartOrchestrationOptions(prefix + "before"));
        OrchestrationMetadata beforeState = await Client.WaitForInstanceCompletionAsync(before, cancellation: TestDeadline.Token());
        string after = await Client.ScheduleNewOrchestrationInstanceAsync(TestTasks.Echo, "second", new StartOrchestrationOptions(prefix + "after"));
        OrchestrationMetadata afterState = await Client.WaitForInstanceCompletionAsync(after, cancellation: TestDeadline.Token());

        List<OrchestrationMetadata> fromSecond = await ToListAsync(Client.GetAllInstancesAsync(new OrchestrationQuery
        {
            InstanceIdPrefix = prefix,
            CreatedFrom = afterState.CreatedAt,
        }));
        List<OrchestrationMetadata> untilFirst = await ToListAsync(Client.GetAllInstancesAsync(new OrchestrationQuery
        {
            InstanceIdPrefix = prefix,
            CreatedTo = beforeState.CreatedAt,
        }));

        Assert.Equal([after], fromSecond.Select(m => m.InstanceId));
        Assert.Equal([before], untilFirst.Select(m => m.InstanceId));
    }

    [Fact]
    public async Task GetAllInstancesAsync_ContinuationTokenNotIssuedBySidecar_IsInvalidArgument()
    {
        var query = new OrchestrationQuery { ContinuationToken = "not-a-token" };

        RpcException error = await Assert.ThrowsAsync<RpcException>(() => ToListAsync(Client.GetAllInstancesAsync(query)));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
    }

    [Fact]
    public async Task PurgeInstanceAsync_FinishedRunningAndUnknown_DeletesOnlyTheFinishedOne()
    {
        string done = await Client.ScheduleNewOrchestrationInstanceAsync(TestTasks.Greeter, "Py", new StartOrchestrationOptions(SidecarEnvironment.NewId("purge")));
        await Client.WaitForInstanceCompletionAsync(done, cancellation: TestDeadline.Token());
        string running = await Client.ScheduleNewOrchestrationInstanceAsync(TestTasks.AwaitApproval, null, new StartOrchestrationOptions(SidecarEnvironment.NewId("purge-running")));
        await Client.WaitForInstanceStartAsync(running, cancellation: TestDeadline.Token());

        PurgeResult purged = await Client.PurgeInstanceAsync(done);
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() => Client.PurgeInstanceAsync(running));
        PurgeResult unknown = await Client.PurgeInstanceAsync(SidecarEnvironment.NewId("missing"));

        Assert.Equal(1, purged.PurgedInstanceCount);
        Assert.Null(await Client.GetInstanceAsync(done));
        await Assert.ThrowsAsync<InstanceNotFoundException>(() => History.GetHistoryAsync(done));
        Assert.Contains("Running", refused.Message, StringComparison.Ordinal);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await Client.GetInstanceAsync(running))?.RuntimeStatus);
        Assert.Equal(0, unknown.PurgedInstanceCount);
        await Client.TerminateInstanceAsync(running, "cleanup");
    }

    [Fact]
    public async Task PurgeAllInstancesAsync_Filter_DeletesMatchingTerminalInstancesAndLeavesRunningOnes()
    {
        DateTimeOffset from = DateTimeOffset.UtcNow;
        string completedA = await Client.ScheduleNewOrchestrationInstanceAsync(TestTasks.Echo, "a", new StartOrchestrationOptions(SidecarEnvironment.NewId("pf-a")));
        string completedB = await Client.ScheduleNewOrchestrationInstanceAsync(TestTasks.Echo, "b", new StartOrchestrationOptions(SidecarEnvironment.NewId("pf-b")));
        string failed = await Client.ScheduleNewOrchestrationInstanceAsync(TestTasks.FailingActivity, "no", new StartOrchestrationOptions(SidecarEnvironment.NewId("pf-failed")));
        string running = await Client.ScheduleNewOrchestrationInstanceAsync(TestTasks.AwaitApproval, null, new StartOrchestrationOptions(SidecarEnvironment.NewId("pf-running")));
        foreach (string id in new[] { completedA, completedB, failed })
        {
            await Client.WaitForInstanceCompletionAsync(id, cancellation: TestDeadline.Token());
        }

        await Client.WaitForInstanceStartAsync(running, cancellation: TestDeadline.Token());

        PurgeResult onlyCompleted = await Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(from, Statuses: [OrchestrationRuntimeStatus.Completed]));
        Assert.Equal(2, onlyCompleted.PurgedInstanceCount);
        Assert.Null(await Client.GetInstanceAsync(completedA));
        Assert.Null(await Client.GetInstanceAsync(completedB));
        Assert.Equal(OrchestrationRuntimeStatus.Failed, (await Client.GetInstanceAsync(failed))?.RuntimeStatus);

        PurgeResult anyTerminal = await Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(from));
        Assert.Equal(1, anyTerminal.PurgedInstanceCount);
        Assert.Null(await Client.GetInstanceAsync(failed));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await Client.GetInstanceAsync(running))?.RuntimeStatus);

        RpcException notTerminal = await Assert.ThrowsAsync<RpcException>(() =>
            Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(from, Statuses: [OrchestrationRuntimeStatus.Running])));
        Assert.Equal(StatusCode.InvalidArgument, notTerminal.StatusCode);
        await Client.TerminateInstanceAsync(running, "cleanup");
    }

    [Fact]
    public async Task RestartAsync_FinishedInstance_RunsAgainUnderTheSameOrANewId()
    {
        string id = await Client.ScheduleNewOrchestrationInstanceAsync(TestTasks.Greeter, "Re", new StartOrchestrationOptions(SidecarEnvironment.NewId("restart")));
        OrchestrationMetadata first = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, TestDeadline.Token());
        string? firstExecution = await ExecutionIdAsync(id);

        string sameId = await Client.RestartAsync(id, restartWithNewInstanceId: false);
        OrchestrationMetadata second = await Client.WaitForInstanceCompletionAsync(sameId, getInputsAndOutputs: true, TestDeadline.Token());
        string newId = await Client.RestartAsync(id, restartWithNewInstanceId: true);
        OrchestrationMetadata third = await Client.WaitForInstanceCompletionAsync(newId, getInputsAndOutputs: true, TestDeadline.Token());

        Assert.Equal(id, sameId);
        Assert.NotEqual(firstExecution, await ExecutionIdAsync(sameId));
        Assert.Equal(first.SerializedOutput, second.SerializedOutput);
        Assert.NotEqual(id, newId);
        Assert.Equal(TestTasks.Greeter, third.Name);
        Assert.Equal("\"Re\"", third.SerializedInput);
        Assert.Equal(first.SerializedOutput, third.SerializedOutput);
    }

    [Fact]
    public async Task RestartAsync_RunningInstanceUnderItsOwnId_ThrowsInvalidInstanceState()
    {
        string id = await Client.ScheduleNewOrchestrationInstanceAsync(TestTasks.AwaitApproval, null, new StartOrchestrationOptions(SidecarEnvironment.NewId("restart-running")));
        await Client.WaitForInstanceStartAsync(id, cancellation: TestDeadline.Token());

        // The official client's errors for FAILED_PRECONDITION and NOT_FOUND on restart.
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => Client.RestartAsync(id));
        await Assert.ThrowsAsync<ArgumentException>(() => Client.RestartAsync(SidecarEnvironment.NewId("missing")));

        Assert.Contains(id, error.Message, StringComparison.Ordinal);
        await Client.TerminateInstanceAsync(id, "cleanup");
    }

    [Fact]
    public async Task GetOrchestrationHistoryAsync_CompletedInstance_StreamsEveryEventOldestFirst()
    {
        string id = await Client.ScheduleNewOrchestrationInstanceAsync(TestTasks.Greeter, "Hi", new StartOrchestrationOptions(SidecarEnvironment.NewId("history")));
        await Client.WaitForInstanceCompletionAsync(id, cancellation: TestDeadline.Token());

        IReadOnlyList<HistoryEvent> history = await History.GetHistoryAsync(id);

        // Episode markers aside, the events tell the orchestration's story in order.
        List<HistoryEvent> story = history.Where(e => e is not OrchestratorStartedEvent and not OrchestratorCompletedEvent).ToList();
        Assert.Equal(
            [typeof(ExecutionStartedEvent), typeof(TaskScheduledEvent), typeof(TaskCompletedEvent), typeof(TaskScheduledEvent), typeof(TaskCompletedEvent), typeof(ExecutionCompletedEvent)],
            story.Select(e => e.GetType()));
        ExecutionStartedEvent started = (ExecutionStartedEvent)story[0];
        Assert.Equal(TestTasks.Greeter, started.Name);
        Assert.Equal("\"Hi\"", started.Input);
        Assert.Equal(["\"Hi\"", "\"Hi again\""], story.OfType<TaskScheduledEvent>().Select(e => e.Input));
        Assert.Equal(["\"Hello, Hi!\"", "\"Hello, Hi again!\""], story.OfType<TaskCompletedEvent>().Select(e => e.Result));
        ExecutionCompletedEvent completed = (ExecutionCompletedEvent)story[^1];
        Assert.Equal(OrchestrationStatus.Completed, completed.Status);
        Assert.Equal("\"Hello, Hi! Hello, Hi again!\"", completed.Result);
    }

    [Fact]
    public async Task GetOrchestrationHistoryAsync_UnknownInstance_ThrowsInstanceNotFound()
    {
        await Assert.ThrowsAsync<InstanceNotFoundException>(() => History.GetHistoryAsync(SidecarEnvironment.NewId("missing")));
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> source)
    {
        var list = new List<T>();
        await foreach (T item in source)
        {
            list.Add(item);
        }

        return list;
    }

    private async Task<string?> ExecutionIdAsync(string instanceId) =>
        (await History.GetHistoryAsync(instanceId)).OfType<ExecutionStartedEvent>().LastOrDefault()?.ExecutionId;
}
