using DurableAgents.History;
using Microsoft.DurableTask;
using DurableAgents.TaskHub.Tests.Engine.Infrastructure;

namespace DurableAgents.TaskHub.Tests.Engine;

public sealed class TaskHubEngineSubOrchestrationTests
{
    private static TestWorker FamilyWorker(TestWorker worker) => worker
        .Orchestration<string, string>("Parent", async (ctx, childId) =>
        {
            string result = await ctx.CallSubOrchestratorAsync<string>("Child", "ping", new SubOrchestrationOptions { InstanceId = childId });
            return "child said " + result;
        })
        .Orchestration<string, string>("Child", (ctx, input) => Task.FromResult(input + "-pong"))
        .Orchestration<string, string>("WaitingChild", (ctx, _) => ctx.WaitForExternalEvent<string>("never"))
        .Orchestration<string, string>("ParentOfWaiting", (ctx, childId) =>
            ctx.CallSubOrchestratorAsync<string>("WaitingChild", null, new SubOrchestrationOptions { InstanceId = childId }));

    /// <summary>The parent's first episode creates the child's row in its commit; then the child's own first episode runs.</summary>
    private static async Task StartedAsync(TestHub hub, string parentId, string childId)
    {
        await hub.WaitForStatusAsync(parentId, OrchestrationStatus.Running);
        await hub.WaitForStatusAsync(childId, OrchestrationStatus.Running);
    }

    [Fact]
    public async Task SubOrchestration_Completes_ParentGetsResult()
    {
        await using TestHub hub = await TestHub.StartAsync();
        hub.AddWorker(w => FamilyWorker(w));

        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Parent") { Input = Json.Of("kid-1") });
        InstanceSnapshot done = await hub.WaitForCompletionAsync(id);

        Assert.Equal("child said ping-pong", done.ReadOutputAs<string>());
        InstanceSnapshot? child = await hub.Engine.GetInstanceAsync("kid-1");
        Assert.Equal(OrchestrationStatus.Completed, child!.RuntimeStatus);
        Assert.Equal(id, child.ParentInstanceId);
        IReadOnlyList<HistoryEvent> history = await hub.Engine.GetHistoryAsync(id);
        Assert.Single(history.OfType<SubOrchestrationInstanceCreatedEvent>());
        Assert.Single(history.OfType<SubOrchestrationInstanceCompletedEvent>());
    }

    [Fact]
    public async Task TerminateAsync_Recursive_TerminatesParentAndChild()
    {
        await using TestHub hub = await TestHub.StartAsync();
        hub.AddWorker(w => FamilyWorker(w));
        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("ParentOfWaiting") { Input = Json.Of("kid-2") });
        await StartedAsync(hub, id, "kid-2");

        await hub.Engine.TerminateAsync(id, Json.Of("stop it"), recursive: true);
        InstanceSnapshot parent = await hub.WaitForCompletionAsync(id);
        InstanceSnapshot child = await hub.WaitForCompletionAsync("kid-2");

        Assert.Equal(OrchestrationStatus.Terminated, parent.RuntimeStatus);
        Assert.Equal("stop it", parent.ReadOutputAs<string>());
        Assert.Equal(OrchestrationStatus.Terminated, child.RuntimeStatus);
        IReadOnlyList<HistoryEvent> history = await hub.Engine.GetHistoryAsync(id);
        Assert.Single(history.OfType<ExecutionTerminatedEvent>());
        Assert.Equal(OrchestrationStatus.Terminated, Assert.IsType<ExecutionCompletedEvent>(history[^1]).Status);
    }

    [Fact]
    public async Task TerminateAsync_NotRecursive_LeavesChildRunning()
    {
        await using TestHub hub = await TestHub.StartAsync();
        hub.AddWorker(w => FamilyWorker(w));
        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("ParentOfWaiting") { Input = Json.Of("kid-3") });
        await StartedAsync(hub, id, "kid-3");

        await hub.Engine.TerminateAsync(id, null, recursive: false);
        await hub.WaitForCompletionAsync(id);

        InstanceSnapshot? child = await hub.Engine.GetInstanceAsync("kid-3");
        Assert.Equal(OrchestrationStatus.Running, child!.RuntimeStatus);
    }

    [Fact]
    public async Task TerminateAsync_ChildAlone_FailsAwaitingParent()
    {
        await using TestHub hub = await TestHub.StartAsync();
        hub.AddWorker(w => FamilyWorker(w));
        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("ParentOfWaiting") { Input = Json.Of("kid-4") });
        await StartedAsync(hub, id, "kid-4");

        await hub.Engine.TerminateAsync("kid-4", Json.Of("child killed"));
        InstanceSnapshot parent = await hub.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationStatus.Failed, parent.RuntimeStatus);
        Assert.Single((await hub.Engine.GetHistoryAsync(id)).OfType<SubOrchestrationInstanceFailedEvent>());
    }

    [Fact]
    public async Task TerminateAsync_PendingInstanceWithoutWorker_TerminatesInEngine()
    {
        await using TestHub hub = await TestHub.StartAsync();
        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("NobodyRunsThis"));

        await hub.Engine.TerminateAsync(id, Json.Of("cancelled"));
        InstanceSnapshot done = await hub.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationStatus.Terminated, done.RuntimeStatus);
        await hub.Engine.TerminateAsync(id, null); // a second terminate of a finished instance does nothing
        await Assert.ThrowsAsync<InstanceNotFoundException>(() => hub.Engine.TerminateAsync("ghost", null));
    }
}
