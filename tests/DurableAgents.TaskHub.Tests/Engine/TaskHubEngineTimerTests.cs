using DurableAgents.History;
using DurableAgents.TaskHub.Tests.Engine.Infrastructure;

namespace DurableAgents.TaskHub.Tests.Engine;

public sealed class TaskHubEngineTimerTests
{
    private static TestWorker SleeperWorker(TestWorker worker) => worker
        .Orchestration<int, string>("Sleeper", async (ctx, minutes) =>
        {
            await ctx.CreateTimer(TimeSpan.FromMinutes(minutes), CancellationToken.None);
            return "woke at " + ctx.CurrentUtcDateTime.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);
        });

    [Fact]
    public async Task DurableTimer_ClockAdvancedPastDueTime_Fires()
    {
        await using TestHub hub = await TestHub.StartAsync();
        hub.AddWorker(w => SleeperWorker(w));
        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Sleeper") { Input = "30" });
        await hub.WaitForStatusAsync(id, OrchestrationStatus.Running);

        hub.Time.Advance(TimeSpan.FromMinutes(29));
        InstanceSnapshot? early = await hub.Engine.GetInstanceAsync(id);
        Assert.Equal(OrchestrationStatus.Running, early!.RuntimeStatus);

        hub.Time.Advance(TimeSpan.FromMinutes(1));
        InstanceSnapshot done = await hub.WaitForCompletionAsync(id);

        Assert.Equal("woke at 12:30", done.ReadOutputAs<string>());
        IReadOnlyList<HistoryEvent> history = await hub.Engine.GetHistoryAsync(id);
        TimerCreatedEvent created = Assert.Single(history.OfType<TimerCreatedEvent>());
        TimerFiredEvent fired = Assert.Single(history.OfType<TimerFiredEvent>());
        Assert.Equal(created.EventId, fired.TimerId);
    }

    [Fact]
    public async Task DurableTimer_EngineRestartedOnSameFile_FiresAfterRestart()
    {
        await using TestHub hub = await TestHub.StartAsync();
        hub.AddWorker(w => SleeperWorker(w));
        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Sleeper") { Input = "60" });
        await hub.WaitForStatusAsync(id, OrchestrationStatus.Running);

        await hub.RestartAsync();
        hub.AddWorker(w => SleeperWorker(w));
        hub.Time.Advance(TimeSpan.FromHours(1));
        InstanceSnapshot done = await hub.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationStatus.Completed, done.RuntimeStatus);
        Assert.Equal("woke at 13:00", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task CreateInstanceAsync_ScheduledStartTime_StaysPendingUntilDue()
    {
        await using TestHub hub = await TestHub.StartAsync();
        TestWorker worker = hub.AddWorker(w => SleeperWorker(w));
        DateTimeOffset startAt = hub.Time.GetUtcNow().AddHours(2);

        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Sleeper") { Input = "0", ScheduledStartTime = startAt });
        InstanceSnapshot? pending = await hub.Engine.GetInstanceAsync(id);
        Assert.Equal(OrchestrationStatus.Pending, pending!.RuntimeStatus);
        Assert.Equal(startAt, pending.ScheduledStartAt);
        Assert.Empty(worker.Received);

        hub.Time.Advance(TimeSpan.FromHours(2));
        InstanceSnapshot done = await hub.WaitForCompletionAsync(id);

        Assert.Equal("woke at 14:00", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task PendingActivity_EngineRestarted_IsDispatchedAgain()
    {
        await using TestHub hub = await TestHub.StartAsync();
        var gate = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
        TestWorker first = hub.AddWorker(w => w
            .Orchestration<string, string>("OneCall", (ctx, _) => ctx.CallActivityAsync<string>("Slow"))
            .AsyncActivity("Slow", _ => gate.Task));
        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("OneCall"));
        await hub.WaitForStatusAsync(id, OrchestrationStatus.Running);

        await hub.RestartAsync();
        gate.SetResult(Json.Of("late"));
        hub.AddWorker(w => w
            .Orchestration<string, string>("OneCall", (ctx, _) => ctx.CallActivityAsync<string>("Slow"))
            .Activity("Slow", _ => Json.Of("second run")));
        InstanceSnapshot done = await hub.WaitForCompletionAsync(id);

        Assert.Equal("second run", done.ReadOutputAs<string>());
    }
}
