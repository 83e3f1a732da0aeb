using DurableAgents.History;
using DurableAgents.TaskHub.Tests.Engine.Infrastructure;

namespace DurableAgents.TaskHub.Tests.Engine;

public sealed class TaskHubEngineContinueAsNewTests
{
    [Fact]
    public async Task ContinueAsNew_Counter_StartsFreshGenerations()
    {
        await using TestHub hub = await TestHub.StartAsync();
        hub.AddWorker(w => w.Orchestration<int, int>("Counter", (ctx, n) =>
        {
            if (n < 3)
            {
                ctx.ContinueAsNew(n + 1);
                return Task.FromResult(-1);
            }

            return Task.FromResult(n * 10);
        }));

        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Counter") { Input = "0" });
        InstanceSnapshot done = await hub.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationStatus.Completed, done.RuntimeStatus);
        Assert.Equal(30, done.ReadOutputAs<int>());
        Assert.Equal("3", done.SerializedInput);
        IReadOnlyList<HistoryEvent> history = await hub.Engine.GetHistoryAsync(id);
        ExecutionStartedEvent started = Assert.Single(history.OfType<ExecutionStartedEvent>());
        Assert.Equal("3", started.Input);
        Assert.Equal(done.ExecutionId, started.ExecutionId);
    }

    [Fact]
    public async Task ContinueAsNew_UnprocessedEvent_IsCarriedIntoNextGeneration()
    {
        await using TestHub hub = await TestHub.StartAsync();
        hub.AddWorker(w => w.Orchestration<int, string>("TwoStep", async (ctx, generation) =>
        {
            if (generation == 0)
            {
                await ctx.WaitForExternalEvent<string>("go");
                ctx.ContinueAsNew(1, preserveUnprocessedEvents: true);
                return "continued";
            }

            return "got " + await ctx.WaitForExternalEvent<string>("extra");
        }));
        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("TwoStep") { Input = "0" });
        InstanceSnapshot first = await hub.WaitForStatusAsync(id, OrchestrationStatus.Running);

        // "extra" reaches generation 0, which does not wait for it; "go" then ends generation 0.
        await hub.Engine.RaiseEventAsync(id, "extra", Json.Of("carried"));
        await hub.Engine.RaiseEventAsync(id, "go", Json.Of("now"));
        InstanceSnapshot done = await hub.WaitForCompletionAsync(id);

        Assert.Equal("got carried", done.ReadOutputAs<string>());
        Assert.NotEqual(first.ExecutionId, done.ExecutionId);
    }
}
