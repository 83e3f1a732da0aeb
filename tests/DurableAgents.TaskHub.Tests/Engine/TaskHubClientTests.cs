using DurableAgents.Client;
using DurableAgents.History;
using DurableAgents.TaskHub.Tests.Engine.Infrastructure;

namespace DurableAgents.TaskHub.Tests.Engine;

public sealed class TaskHubClientTests
{
    private sealed record Order(string Item, int Quantity);

    [Fact]
    public async Task ScheduleNewOrchestrationInstanceAsync_TypedInputAndOutput_RoundTrip()
    {
        await using TestHub hub = await TestHub.StartAsync();
        hub.AddWorker(w => w.Orchestration<Order, string>("Ship", (ctx, order) => Task.FromResult($"{order.Quantity} x {order.Item}")));

        string id = await hub.Client.ScheduleNewOrchestrationInstanceAsync("Ship", new Order("tea", 2), new StartOrchestrationOptions("order-7"));
        OrchestrationMetadata started = await hub.Client.WaitForInstanceStartAsync(id);
        OrchestrationMetadata done = await hub.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);

        Assert.Equal("order-7", id);
        Assert.NotEqual(OrchestrationStatus.Pending, started.RuntimeStatus);
        Assert.Equal("2 x tea", done.ReadOutputAs<string>());
        Assert.Equal(new Order("tea", 2), done.ReadInputAs<Order>());
        IList<HistoryEvent> history = await hub.Client.GetOrchestrationHistoryAsync(id);
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

        Assert.Equal(OrchestrationStatus.Terminated, done.RuntimeStatus);
        Assert.Equal("enough", done.ReadOutputAs<string>());
        Assert.Equal(1, purged.PurgedInstanceCount);
        Assert.Null(await hub.Client.GetInstanceAsync(id));
    }
}
