using DurableAgents.Converters;
using Microsoft.DurableTask;

namespace DurableAgents.Replay.Tests.Executor;

public class ExternalEventTests
{
    private sealed record Approval(bool Approved, string By);

    private static readonly ITaskOrchestrator WaitsForApproval = Orchestrators.Create(async context =>
    {
        Approval approval = await context.WaitForExternalEvent<Approval>("approval");
        return approval.Approved ? $"approved by {approval.By}" : "rejected";
    });

    private readonly OrchestrationExecutor _executor = new(WebJsonDataConverter.Default);

    [Fact]
    public void WaitForExternalEvent_EventArrivesLater_CompletesWithPayload()
    {
        var driver = new EpisodeDriver(WaitsForApproval);
        Assert.Empty(driver.Start().Actions);

        OrchestratorExecutionResult done = driver.Run(60, H.EventRaised("Approval", "{\"approved\":true,\"by\":\"ana\"}"));

        Assert.Equal("\"approved by ana\"", EpisodeDriver.Single<CompleteOrchestrationAction>(done).Result);
    }

    [Fact]
    public void WaitForExternalEvent_EventArrivedBeforeWait_IsBuffered()
    {
        ITaskOrchestrator orchestrator = Orchestrators.Create(async context =>
        {
            await context.CallActivityAsync("Prepare");
            return await context.WaitForExternalEvent<int>("go");
        });
        var driver = new EpisodeDriver(orchestrator);
        driver.Start();
        Assert.Empty(driver.Run(1, H.EventRaised("GO", "7")).Actions);

        OrchestratorExecutionResult done = driver.Run(2, H.TaskCompleted(0, null));

        Assert.Equal("7", EpisodeDriver.Single<CompleteOrchestrationAction>(done).Result);
    }

    [Fact]
    public void WaitForExternalEvent_SeveralWaiters_ServedFirstComeFirstServed()
    {
        ITaskOrchestrator orchestrator = Orchestrators.Create(async context =>
        {
            Task<string> first = context.WaitForExternalEvent<string>("vote");
            Task<string> second = context.WaitForExternalEvent<string>("vote");
            string[] votes = await Task.WhenAll(first, second);
            return string.Join(" then ", votes);
        });

        OrchestratorExecutionResult done = _executor.Execute(
            orchestrator, H.None, [.. H.Start(), H.EventRaised("vote", "\"a\""), H.EventRaised("vote", "\"b\"")]);

        Assert.Equal("\"a then b\"", EpisodeDriver.Single<CompleteOrchestrationAction>(done).Result);
    }

    [Fact]
    public void WaitForExternalEvent_WithTimeoutEventWins_CancelsTimerAndReturnsPayload()
    {
        ITaskOrchestrator orchestrator = Orchestrators.Create(async context =>
            await context.WaitForExternalEvent<string>("reply", TimeSpan.FromHours(1)));
        var driver = new EpisodeDriver(orchestrator);

        var timer = EpisodeDriver.Single<CreateTimerAction>(driver.Start());
        Assert.Equal(H.At(3600), timer.FireAt);
        OrchestratorExecutionResult done = driver.Run(10, H.EventRaised("reply", "\"yes\""));
        Assert.Equal("\"yes\"", EpisodeDriver.Single<CompleteOrchestrationAction>(done).Result);

        // The timer firing after completion changes nothing on replay.
        Assert.Empty(_executor.Execute(orchestrator, driver.History, [H.OrchestratorStarted(3600), H.TimerFired(0, H.At(3600))]).Actions);
    }

    [Fact]
    public void WaitForExternalEvent_WithTimeoutTimerWins_ThrowsTaskCanceled()
    {
        ITaskOrchestrator orchestrator = Orchestrators.Create(async context =>
        {
            try
            {
                return await context.WaitForExternalEvent<string>("reply", TimeSpan.FromHours(1));
            }
            catch (TaskCanceledException)
            {
                return "timed out";
            }
        });
        var driver = new EpisodeDriver(orchestrator);
        driver.Start();

        OrchestratorExecutionResult done = driver.Run(3600, H.TimerFired(0, H.At(3600)));
        Assert.Equal("\"timed out\"", EpisodeDriver.Single<CompleteOrchestrationAction>(done).Result);
    }

    [Fact]
    public void WaitForExternalEvent_WithInfiniteTimeout_CreatesNoTimer()
    {
        ITaskOrchestrator orchestrator = Orchestrators.Create(async context =>
            await context.WaitForExternalEvent<string>("reply", Timeout.InfiniteTimeSpan));
        var driver = new EpisodeDriver(orchestrator);

        Assert.Empty(driver.Start().Actions);
        OrchestratorExecutionResult done = driver.Run(10, H.EventRaised("reply", "\"yes\""));

        Assert.Equal("\"yes\"", EpisodeDriver.Single<CompleteOrchestrationAction>(done).Result);
    }

    [Fact]
    public void WaitForExternalEvent_PayloadOfWrongShape_FaultsTheAwait()
    {
        OrchestratorExecutionResult done = _executor.Execute(WaitsForApproval, H.None, [.. H.Start(), H.EventRaised("approval", "[1,2]")]);

        Assert.Equal(typeof(Converters.PayloadFormatException).FullName, done.Completion!.FailureDetails!.ErrorType);
    }

    [Fact]
    public void WaitForExternalEvent_CancelledWaiter_DoesNotConsumeTheEvent()
    {
        ITaskOrchestrator orchestrator = Orchestrators.Create(async context =>
        {
            using var cts = new CancellationTokenSource();
            Task<string> abandoned = context.WaitForExternalEvent<string>("e", cts.Token);
            cts.Cancel();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => abandoned);
            return await context.WaitForExternalEvent<string>("e");
        });
        var driver = new EpisodeDriver(orchestrator);
        driver.Start();

        OrchestratorExecutionResult done = driver.Run(1, H.EventRaised("e", "\"kept\""));

        Assert.Equal("\"kept\"", EpisodeDriver.Single<CompleteOrchestrationAction>(done).Result);
    }
}
