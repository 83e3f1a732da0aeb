using DurableAgents.History;
using DurableAgents.TaskHub.Tests.Engine.Infrastructure;

namespace DurableAgents.TaskHub.Tests.Engine;

public sealed class TaskHubEngineQuiescenceTests
{
    [Fact]
    public async Task WhenQuiescentAsync_ActivityHeldOpen_WaitsUntilTheWholeChainHasCommitted()
    {
        await using TestHub hub = await TestHub.StartAsync();
        var release = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.AddWorker(w => w
            .Orchestration<string, string>("Chain", async (ctx, input) =>
                await ctx.CallActivityAsync<string>("Held", input) + await ctx.CallActivityAsync<string>("Quick", input))
            .AsyncActivity("Held", _ => release.Task)
            .Activity("Quick", _ => "\"!\""));
        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Chain") { Input = "\"x\"" });

        Task<EngineQuiescence> quiet = hub.Engine.WhenQuiescentAsync(-1, TestHub.Timeout());
        await hub.WaitForStatusAsync(id, OrchestrationStatus.Running);
        Assert.False(quiet.IsCompleted);
        release.SetResult("\"held\"");
        EngineQuiescence state = await quiet;

        // Quiet only once the held activity, the next episode, the second activity and the last episode all committed.
        InstanceSnapshot? done = await hub.Engine.GetInstanceAsync(id, includePayloads: true);
        Assert.Equal(OrchestrationStatus.Completed, done!.RuntimeStatus);
        Assert.Equal("held!", done.ReadOutputAs<string>());
        Assert.Null(state.NextDueAt);
    }

    [Fact]
    public async Task WhenQuiescentAsync_PendingTimer_ReportsItsFireTimeAsNextDue()
    {
        await using TestHub hub = await TestHub.StartAsync();
        hub.AddWorker(w => w.Orchestration<int, int>("Sleeper", async (ctx, minutes) =>
        {
            await ctx.CreateTimer(TimeSpan.FromMinutes(minutes), CancellationToken.None);
            return minutes;
        }));
        DateTime start = hub.Time.GetUtcNow().UtcDateTime;
        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Sleeper") { Input = "45" });

        EngineQuiescence state = await hub.Engine.WhenQuiescentAsync(-1, TestHub.Timeout());

        Assert.Equal(start.AddMinutes(45), state.NextDueAt);
        Assert.Single((await hub.Engine.GetHistoryAsync(id)).OfType<TimerCreatedEvent>());
    }

    [Fact]
    public async Task WhenQuiescentAsync_DeferredStart_ReportsTheStartTimeAsNextDue()
    {
        await using TestHub hub = await TestHub.StartAsync();
        hub.AddWorker(w => w.Orchestration<int, int>("Later", (_, n) => Task.FromResult(n)));
        DateTimeOffset startAt = hub.Time.GetUtcNow().AddHours(2);
        await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Later") { Input = "1", ScheduledStartTime = startAt });

        EngineQuiescence state = await hub.Engine.WhenQuiescentAsync(-1, TestHub.Timeout());

        Assert.Equal(startAt.UtcDateTime, state.NextDueAt);
    }

    [Fact]
    public async Task WhenQuiescentAsync_AfterProgress_WaitsForTheNextChangeToSettle()
    {
        await using TestHub hub = await TestHub.StartAsync();
        hub.AddWorker(w => w.Orchestration<string, string>("Approval", async (ctx, _) => await ctx.WaitForExternalEvent<string>("answer")));
        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Approval") { Input = "null" });
        EngineQuiescence waiting = await hub.Engine.WhenQuiescentAsync(-1, TestHub.Timeout());

        Task<EngineQuiescence> next = hub.Engine.WhenQuiescentAsync(waiting.Progress, TestHub.Timeout());
        Assert.Equal(OrchestrationStatus.Running, (await hub.Engine.GetInstanceAsync(id))!.RuntimeStatus);
        Assert.False(next.IsCompleted);
        await hub.Engine.RaiseEventAsync(id, "answer", "\"yes\"");
        EngineQuiescence settled = await next;

        Assert.True(settled.Progress > waiting.Progress);
        Assert.Equal(OrchestrationStatus.Completed, (await hub.Engine.GetInstanceAsync(id))!.RuntimeStatus);
        Assert.Null(settled.NextDueAt);
    }

    [Fact]
    public async Task WhenQuiescentAsync_EngineStops_FailsTheWaiter()
    {
        await using TestHub hub = await TestHub.StartAsync();
        EngineQuiescence idle = await hub.Engine.WhenQuiescentAsync(-1, TestHub.Timeout());
        Task<EngineQuiescence> never = hub.Engine.WhenQuiescentAsync(idle.Progress, TestHub.Timeout());

        await hub.Engine.StopAsync(CancellationToken.None);

        await Assert.ThrowsAsync<TaskHubNotRunningException>(() => never);
    }
}
