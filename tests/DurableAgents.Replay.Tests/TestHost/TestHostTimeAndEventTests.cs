using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using DurableAgents.Testing;

namespace DurableAgents.Replay.Tests.TestHost;

public class TestHostTimeAndEventTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static DurableTaskTestHost StartApprovalHost() => DurableTaskTestHost.Start(tasks => tasks
        .AddOrchestratorFunc("Approval", async context =>
        {
            try
            {
                bool approved = await context.WaitForExternalEvent<bool>("approval", TimeSpan.FromDays(3));
                return approved ? "approved" : "rejected";
            }
            catch (TaskCanceledException)
            {
                return "timed out";
            }
        }));

    [Fact]
    public async Task CreateTimer_SevenDays_CompletesAtOnceInVirtualTime()
    {
        await using var host = DurableTaskTestHost.Start(tasks => tasks
            .AddOrchestratorFunc("Sleep", async context =>
            {
                await context.CreateTimer(TimeSpan.FromDays(7), CancellationToken.None);
                return context.CurrentUtcDateTime;
            }));
        DateTime start = host.CurrentTime;
        Assert.Equal(DurableTaskTestHostOptions.DefaultStartTime, start);

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Sleep");
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);
        OrchestrationMetadata done = await host.Client.WaitForInstanceCompletionAsync(id, true).WaitAsync(Deadline);

        Assert.Equal(start.AddDays(7), done.ReadOutputAs<DateTime>());
        Assert.Equal(start.AddDays(7), host.CurrentTime);
        Assert.Equal(start.AddDays(7), done.LastUpdatedAt.UtcDateTime); // the official metadata's completion time
    }

    [Fact]
    public async Task AdvanceTimeAsync_FiresOnlyTimersDueByTheTarget()
    {
        await using var host = DurableTaskTestHost.Start(tasks => tasks
            .AddOrchestratorFunc("Hourly", async context =>
            {
                await context.CreateTimer(TimeSpan.FromHours(1), CancellationToken.None);
                return 1;
            }));
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Hourly");
        DateTime start = host.CurrentTime;

        await host.AdvanceTimeAsync(TimeSpan.FromMinutes(59)).WaitAsync(Deadline);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);
        Assert.Equal(start.AddMinutes(59), host.CurrentTime);

        await host.AdvanceTimeAsync(TimeSpan.FromMinutes(2)).WaitAsync(Deadline);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);
        Assert.Equal(start.AddMinutes(61), host.CurrentTime);
    }

    [Fact]
    public async Task RaiseEventAsync_BeforeTimeout_EventWins()
    {
        await using DurableTaskTestHost host = StartApprovalHost();
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Approval");

        await host.Client.RaiseEventAsync(id, "Approval", true);

        OrchestrationMetadata done = (await host.Client.GetInstanceAsync(id, true))!;
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("approved", done.ReadOutputAs<string>());
        Assert.Equal(DurableTaskTestHostOptions.DefaultStartTime, host.CurrentTime);
    }

    [Fact]
    public async Task WaitForInstanceCompletion_NoEvent_TimeoutFiresInVirtualTime()
    {
        await using DurableTaskTestHost host = StartApprovalHost();
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Approval");

        OrchestrationMetadata done = await host.Client.WaitForInstanceCompletionAsync(id, true).WaitAsync(Deadline);

        Assert.Equal("timed out", done.ReadOutputAs<string>());
        Assert.Equal(DurableTaskTestHostOptions.DefaultStartTime.AddDays(3), host.CurrentTime);
    }

    [Fact]
    public async Task RaiseEventAsync_BeforeTheCodeWaits_IsBuffered()
    {
        await using var host = DurableTaskTestHost.Start(tasks => tasks
            .AddOrchestratorFunc("Later", async context =>
            {
                await context.CreateTimer(TimeSpan.FromMinutes(5), CancellationToken.None);
                return await context.WaitForExternalEvent<string>("data");
            }));
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Later");

        await host.Client.RaiseEventAsync(id, "data", "early bird");
        OrchestrationMetadata done = await host.Client.WaitForInstanceCompletionAsync(id, true).WaitAsync(Deadline);

        Assert.Equal("early bird", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task SuspendInstanceAsync_HoldsEventsUntilResumed()
    {
        await using DurableTaskTestHost host = StartApprovalHost();
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Approval");

        await host.Client.SuspendInstanceAsync(id, "audit");
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);
        await host.Client.RaiseEventAsync(id, "approval", true);
        Assert.Equal(OrchestrationRuntimeStatus.Suspended, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);

        await host.Client.ResumeInstanceAsync(id, "done auditing");

        OrchestrationMetadata done = (await host.Client.GetInstanceAsync(id, true))!;
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("approved", done.ReadOutputAs<string>());
        IList<HistoryEvent> history = await host.GetHistoryAsync(id);
        int suspended = history.ToList().FindIndex(e => e is ExecutionSuspendedEvent);
        int resumed = history.ToList().FindIndex(e => e is ExecutionResumedEvent);
        int raised = history.ToList().FindIndex(e => e is EventRaisedEvent);
        int completed = history.ToList().FindIndex(e => e is ExecutionCompletedEvent);
        // As in Durable Task: the event is recorded when it arrives, and the orchestrator sees it only after the resume.
        Assert.True(suspended < raised && suspended < resumed && resumed < completed, "The held event is recorded while suspended and acted on after the resume.");
    }

    [Fact]
    public async Task ScheduleNew_WithStartAt_StaysPendingUntilVirtualTimeReachesIt()
    {
        await using var host = DurableTaskTestHost.Start(tasks => tasks
            .AddOrchestratorFunc("Deferred", context => Task.FromResult(context.CurrentUtcDateTime)));
        DateTime startAt = host.CurrentTime.AddHours(2);

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Deferred", new StartOrchestrationOptions(StartAt: startAt));
        OrchestrationMetadata pending = (await host.Client.GetInstanceAsync(id))!;
        Assert.Equal(OrchestrationRuntimeStatus.Pending, pending.RuntimeStatus);

        OrchestrationMetadata started = await host.Client.WaitForInstanceStartAsync(id).WaitAsync(Deadline);
        OrchestrationMetadata done = await host.Client.WaitForInstanceCompletionAsync(id, true).WaitAsync(Deadline);

        Assert.NotEqual(OrchestrationRuntimeStatus.Pending, started.RuntimeStatus);
        Assert.Equal(startAt, done.ReadOutputAs<DateTime>());
    }

    [Fact]
    public async Task WaitForInstanceCompletion_Cancelled_StopsWaitingAndDoesNotMoveTimeAfterwards()
    {
        await using DurableTaskTestHost host = DurableTaskTestHost.Start(tasks => tasks
            .AddOrchestratorFunc("Forever", async context => await context.WaitForExternalEvent<int>("never")));
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Forever");
        using var cts = new CancellationTokenSource();

        Task<OrchestrationMetadata> wait = host.Client.WaitForInstanceCompletionAsync(id, cancellation: cts.Token);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(Deadline));
        Assert.Equal(DurableTaskTestHostOptions.DefaultStartTime, host.CurrentTime);
    }
}
