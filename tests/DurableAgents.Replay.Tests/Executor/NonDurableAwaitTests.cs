using DurableAgents.Converters;
using Microsoft.DurableTask;

namespace DurableAgents.Replay.Tests.Executor;

public class NonDurableAwaitTests
{
    private readonly OrchestrationExecutor _executor = new(WebJsonDataConverter.Default);

    private static void AssertNonDurableFailure(OrchestratorExecutionResult result)
    {
        var completion = EpisodeDriver.Single<CompleteOrchestrationAction>(result);
        Assert.Equal(OrchestrationStatus.Failed, completion.Status);
        Assert.Equal(typeof(NonDurableTaskException).FullName, completion.FailureDetails!.ErrorType);
        Assert.Contains("non-durable task", completion.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("context.CreateTimer", completion.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Execute_CodeAwaitsTaskDelay_FailsWithClearErrorInsteadOfHanging()
    {
        ITaskOrchestrator orchestrator = Orchestrators.Create(async context =>
        {
            await Task.Delay(TimeSpan.FromMinutes(5));
            return 0;
        });

        AssertNonDurableFailure(_executor.Execute(orchestrator, H.None, H.Start()));
    }

    [Fact]
    public void Execute_CodeAwaitsItsOwnNeverCompletedTask_Fails()
    {
        var never = new TaskCompletionSource<int>();
        ITaskOrchestrator orchestrator = Orchestrators.Create(async context => await never.Task);

        AssertNonDurableFailure(_executor.Execute(orchestrator, H.None, H.Start()));
    }

    [Fact]
    public void Execute_CodeAwaitsTaskRun_Fails()
    {
        ITaskOrchestrator orchestrator = Orchestrators.Create(async context =>
            await Task.Run(async () =>
            {
                await Task.Delay(20);
                return 5;
            }));

        AssertNonDurableFailure(_executor.Execute(orchestrator, H.None, H.Start()));
    }

    [Fact]
    public void Execute_ConfigureAwaitFalseOnOwnHelper_FailsInsteadOfResumingOnThreadPool()
    {
        ITaskOrchestrator orchestrator = Orchestrators.Create(async context =>
        {
            async Task<int> Helper() => await context.CallActivityAsync<int>("A") + 1;
            return await Helper().ConfigureAwait(false);
        });
        HistoryEvent[] past = [.. H.Start(), H.TaskScheduled(0, "A")];

        AssertNonDurableFailure(_executor.Execute(orchestrator, past, [H.OrchestratorStarted(1), H.TaskCompleted(0, "1")]));
    }

    [Fact]
    public void Execute_CodeAwaitsCancelAsync_Fails()
    {
        // CancelAsync runs the token's callbacks on the thread pool. One callback here holds that thread until the episode
        // is over, so the orchestrator's await always meets an unfinished task, as it usually does when callbacks are slow.
        using var episodeOver = new ManualResetEventSlim();
        ITaskOrchestrator orchestrator = Orchestrators.Create(async context =>
        {
            using var cts = new CancellationTokenSource();
            Task timer = context.CreateTimer(TimeSpan.FromHours(1), cts.Token);
            cts.Token.Register(() => episodeOver.Wait(TimeSpan.FromSeconds(60)));
            Task work = context.CallActivityAsync("Work");
            await work;
            await cts.CancelAsync();
            return 0;
        });
        HistoryEvent[] past = [.. H.Start(), H.TimerCreated(0, H.At(3600)), H.TaskScheduled(1, "Work")];

        OrchestratorExecutionResult result = _executor.Execute(orchestrator, past, [H.OrchestratorStarted(1), H.TaskCompleted(1, null)]);
        episodeOver.Set();

        AssertNonDurableFailure(result);
    }

    [Fact]
    public async Task Session_ContinuationArrivesBetweenEpisodes_FailsTheNextEpisode()
    {
        var gate = new TaskCompletionSource<int>();
        ITaskOrchestrator orchestrator = Orchestrators.Create(async context =>
        {
            Task<int> work = context.CallActivityAsync<int>("Work");
            int extra = await gate.Task;
            return await work + extra;
        });
        var session = new OrchestrationSession(orchestrator);
        Assert.IsType<ScheduleTaskAction>(Assert.Single(session.Execute([], H.Start()).Actions));

        // Completing the non-durable task outside any episode queues the code's continuation from another thread.
        await Task.Run(() => gate.SetResult(1));

        AssertNonDurableFailure(session.Execute([], [H.OrchestratorStarted(1), H.TaskCompleted(0, "2")]));
    }

    [Fact]
    public async Task Context_CalledFromAnotherThread_ThrowsNonDurableTaskException()
    {
        TaskOrchestrationContext? captured = null;
        ITaskOrchestrator orchestrator = Orchestrators.Create(async context =>
        {
            captured = context;
            return await context.WaitForExternalEvent<int>("never");
        });
        _executor.Execute(orchestrator, H.None, H.Start());

        await Assert.ThrowsAsync<NonDurableTaskException>(() => Task.Run(() => captured!.CallActivityAsync("Late")));
    }
}
