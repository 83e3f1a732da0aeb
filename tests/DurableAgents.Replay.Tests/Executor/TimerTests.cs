using DurableAgents.Converters;
using Microsoft.DurableTask;

namespace DurableAgents.Replay.Tests.Executor;

public class TimerTests
{
    private readonly OrchestrationExecutor _executor = new(WebJsonDataConverter.Default);

    [Fact]
    public void CreateTimer_Delay_CreatesTimerDueRelativeToEpisodeTime()
    {
        ITaskOrchestrator orchestrator = Orchestrators.Create(async context =>
        {
            await context.CreateTimer(TimeSpan.FromDays(7), CancellationToken.None);
            return context.CurrentUtcDateTime;
        });
        var driver = new EpisodeDriver(orchestrator);

        var timer = EpisodeDriver.Single<CreateTimerAction>(driver.Start());
        Assert.Equal(0, timer.Id);
        Assert.Equal(H.T0.AddDays(7), timer.FireAt);

        OrchestratorExecutionResult done = driver.Run(7 * 86400, H.TimerFired(0, timer.FireAt));

        Assert.Equal(OrchestrationStatus.Completed, done.Completion!.Status);
        Assert.Equal(H.T0.AddDays(7), WebJsonRead<DateTime>(done.Completion.Result));
    }

    [Fact]
    public void CreateTimer_CancelledBeforeFiring_TaskIsCancelledAndLaterFireIsIgnored()
    {
        bool? sawCancellation = null;
        ITaskOrchestrator orchestrator = Orchestrators.Create(async context =>
        {
            using var cts = new CancellationTokenSource();
            Task timer = context.CreateTimer(TimeSpan.FromHours(1), cts.Token);
            string value = await context.CallActivityAsync<string>("Work");
#pragma warning disable CA1849 // Orchestrator code cancels synchronously: CancelAsync would be a non-durable await.
            cts.Cancel();
#pragma warning restore CA1849
            try
            {
                await timer;
                sawCancellation = false;
            }
            catch (TaskCanceledException)
            {
                sawCancellation = true;
            }

            return value;
        });
        HistoryEvent[] past = [.. H.Start(), H.TimerCreated(0, H.At(3600)), H.TaskScheduled(1, "Work")];

        OrchestratorExecutionResult done = _executor.Execute(
            orchestrator, past, [H.OrchestratorStarted(1), H.TaskCompleted(1, "\"done\""), H.TimerFired(0, H.At(3600))]);

        Assert.Equal("\"done\"", EpisodeDriver.Single<CompleteOrchestrationAction>(done).Result);
        Assert.True(sawCancellation);
    }

    [Fact]
    public void CreateTimer_AlreadyCancelledToken_SchedulesNothing()
    {
        ITaskOrchestrator orchestrator = Orchestrators.Create(async context =>
        {
            Task timer = context.CreateTimer(TimeSpan.FromHours(1), new CancellationToken(canceled: true));
            await Assert.ThrowsAsync<TaskCanceledException>(() => timer);
            return "skipped";
        });

        var completion = EpisodeDriver.Single<CompleteOrchestrationAction>(_executor.Execute(orchestrator, H.None, H.Start()));

        Assert.Equal(0, completion.Id);
        Assert.Equal("\"skipped\"", completion.Result);
    }

    [Theory]
    [InlineData(true, "\"activity\"")]
    [InlineData(false, "\"timeout\"")]
    public void WhenAny_ActivityRacesTimer_FirstAnswerWins(bool activityFirst, string expected)
    {
        ITaskOrchestrator orchestrator = Orchestrators.Create(async context =>
        {
            using var cts = new CancellationTokenSource();
            Task timeout = context.CreateTimer(TimeSpan.FromMinutes(5), cts.Token);
            Task<string> work = context.CallActivityAsync<string>("Slow");
            Task winner = await Task.WhenAny(work, timeout);
            if (winner == work)
            {
                cts.Cancel();
                return await work;
            }

            return "timeout";
        });
        var driver = new EpisodeDriver(orchestrator);
        OrchestratorExecutionResult first = driver.Start();
        Assert.Equal([0, 1], first.Actions.Select(a => a.Id));

        HistoryEvent answer = activityFirst ? H.TaskCompleted(1, "\"activity\"") : H.TimerFired(0, H.At(300));
        OrchestratorExecutionResult done = driver.Run(300, answer);

        Assert.Equal(expected, EpisodeDriver.Single<CompleteOrchestrationAction>(done).Result);
    }

    private static T WebJsonRead<T>(string? json) => WebJsonDataConverter.Default.Deserialize<T>(json)!;
}
