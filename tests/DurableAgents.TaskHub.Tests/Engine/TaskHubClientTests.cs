using DurableAgents.History;
using DurableAgents.TaskHub.Tests.Engine.Infrastructure;
using DurableTask.Core.Exceptions;
using Grpc.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace DurableAgents.TaskHub.Tests.Engine;

/// <summary>TaskHubClient is the official client contract over the engine, with the official gRPC client's errors.</summary>
public sealed class TaskHubClientTests
{
    private sealed record Order(string Item, int Quantity);

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_TypedInputAndOutput_RoundTrip()
    {
        await using TestHub hub = await TestHub.StartAsync();
        hub.AddWorker(w => w.Orchestration<Order, string>("Ship", (ctx, order) => Task.FromResult($"{order.Quantity} x {order.Item}")));

        string id = await hub.Client.ScheduleNewOrchestrationInstanceAsync(
            "Ship", new Order("tea", 2), new StartOrchestrationOptions("order-7") { Tags = new Dictionary<string, string> { ["team"] = "ops" } });
        OrchestrationMetadata started = await hub.Client.WaitForInstanceStartAsync(id);
        OrchestrationMetadata done = await hub.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);

        Assert.Equal("order-7", id);
        Assert.NotEqual(OrchestrationRuntimeStatus.Pending, started.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("2 x tea", done.ReadOutputAs<string>());
        Assert.Equal(new Order("tea", 2), done.ReadInputAs<Order>());
        Assert.Equal("ops", done.Tags["team"]);
        Assert.True(done.LastUpdatedAt >= done.CreatedAt);
        IReadOnlyList<HistoryEvent> history = await new TaskHubHistoryReader(hub.Engine).GetHistoryAsync(id);
        Assert.IsType<ExecutionCompletedEvent>(history[^1]);
    }

    [Fact]
    public async Task TerminateAndPurge_ThroughClient_Work()
    {
        await using TestHub hub = await TestHub.StartAsync();
        string id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Nobody");

        await hub.Client.TerminateInstanceAsync(id, "enough");
        OrchestrationMetadata done = await hub.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);
        PurgeResult purged = await hub.Client.PurgeInstanceAsync(id);

        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
        Assert.Equal("enough", done.ReadOutputAs<string>());
        Assert.Equal(1, purged.PurgedInstanceCount);
        Assert.Null(await hub.Client.GetInstanceAsync(id));
    }

    [Fact]
    public async Task Failure_IsReportedAsTaskFailureDetails()
    {
        await using TestHub hub = await TestHub.StartAsync();
        hub.AddWorker(w => w.Orchestration<string, string>("Boom", (ctx, _) => throw new InvalidOperationException("kaput")));

        string id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Boom");
        OrchestrationMetadata done = await hub.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.NotNull(done.FailureDetails);
        Assert.Contains("kaput", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.True(done.FailureDetails.IsCausedBy<InvalidOperationException>());
    }

    [Fact]
    public async Task Schedule_IdOfRunningInstance_ThrowsOfficialAlreadyExists()
    {
        await using TestHub hub = await TestHub.StartAsync();
        string id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Nobody", new StartOrchestrationOptions("dup"));

        OrchestrationAlreadyExistsException error = await Assert.ThrowsAnyAsync<OrchestrationAlreadyExistsException>(
            () => hub.Client.ScheduleNewOrchestrationInstanceAsync("Nobody", new StartOrchestrationOptions(id)));

        Assert.Contains("'dup' already exists", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schedule_DedupeStatusesListTheFinishedStatus_ThrowsOfficialAlreadyExists()
    {
        await using TestHub hub = await TestHub.StartAsync();
        string id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Nobody", new StartOrchestrationOptions("once"));
        await hub.Client.TerminateInstanceAsync(id);
        await hub.Client.WaitForInstanceCompletionAsync(id);

        await Assert.ThrowsAnyAsync<OrchestrationAlreadyExistsException>(() => hub.Client.ScheduleNewOrchestrationInstanceAsync(
            "Nobody", new StartOrchestrationOptions(id).WithDedupeStatuses(OrchestrationRuntimeStatus.Terminated)));
        Assert.Equal(id, await hub.Client.ScheduleNewOrchestrationInstanceAsync(
            "Nobody", new StartOrchestrationOptions(id).WithDedupeStatuses(OrchestrationRuntimeStatus.Completed)));
    }

    [Fact]
    public async Task Signals_UnknownInstance_ThrowRpcNotFoundAsTheGrpcClientDoes()
    {
        await using TestHub hub = await TestHub.StartAsync();

        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => hub.Client.RaiseEventAsync("ghost", "go"))).StatusCode);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => hub.Client.TerminateInstanceAsync("ghost"))).StatusCode);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => hub.Client.SuspendInstanceAsync("ghost"))).StatusCode);
        Assert.Equal(StatusCode.NotFound, (await Assert.ThrowsAsync<RpcException>(() => hub.Client.ResumeInstanceAsync("ghost"))).StatusCode);
    }

    [Fact]
    public async Task Signals_FinishedInstance_AreDiscarded()
    {
        await using TestHub hub = await TestHub.StartAsync();
        string id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Nobody");
        await hub.Client.TerminateInstanceAsync(id, "stop");
        await hub.Client.WaitForInstanceCompletionAsync(id);

        await hub.Client.RaiseEventAsync(id, "go", "late");
        await hub.Client.SuspendInstanceAsync(id);
        await hub.Client.ResumeInstanceAsync(id);
        await hub.Client.TerminateInstanceAsync(id, "again");

        OrchestrationMetadata after = (await hub.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!;
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, after.RuntimeStatus);
        Assert.Equal("stop", after.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Restart_UnknownInstance_ThrowsArgumentException_AndRunningInstance_ThrowsInvalidOperation()
    {
        await using TestHub hub = await TestHub.StartAsync();
        string running = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Nobody");

        await Assert.ThrowsAnyAsync<ArgumentException>(() => hub.Client.RestartAsync("ghost"));
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => hub.Client.RestartAsync(running));
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => hub.Client.PurgeInstanceAsync(running));
    }

    [Fact]
    public async Task GetAllInstancesAsync_StatusFilterAndPages_UseOfficialStatuses()
    {
        await using TestHub hub = await TestHub.StartAsync();
        for (int i = 0; i < 5; i++)
        {
            await hub.Client.ScheduleNewOrchestrationInstanceAsync("Nobody", new StartOrchestrationOptions($"page-{i}"));
        }

        await hub.Client.TerminateInstanceAsync("page-0");
        await hub.Client.WaitForInstanceCompletionAsync("page-0");

        var pages = new List<int>();
        await foreach (Page<OrchestrationMetadata> page in hub.Client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = "page-" }).AsPages(pageSizeHint: 2))
        {
            pages.Add(page.Values.Count);
        }

        List<OrchestrationMetadata> terminated = await hub.Client
            .GetAllInstancesAsync(new OrchestrationQuery { Statuses = [OrchestrationRuntimeStatus.Terminated] }).ToListAsync();
        PurgeResult purged = await hub.Client.PurgeAllInstancesAsync(
            new PurgeInstancesFilter(DateTimeOffset.MinValue, null, [OrchestrationRuntimeStatus.Terminated]));

        Assert.Equal([2, 2, 1], pages);
        Assert.Equal("page-0", Assert.Single(terminated).InstanceId);
        Assert.Equal(1, purged.PurgedInstanceCount);
    }

    [Fact]
    public async Task Entities_AreNotSupported_WithAClearMessage()
    {
        await using TestHub hub = await TestHub.StartAsync();

        NotSupportedException error = Assert.Throws<NotSupportedException>(() => hub.Client.Entities);

        Assert.Contains("durable entities", error.Message, StringComparison.Ordinal);
    }
}
