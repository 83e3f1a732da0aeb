using Microsoft.DurableTask;

namespace DurableAgents.Replay.Tests.Executor;

public class RetryTests
{
    private static readonly RetryPolicy ThreeAttempts = new(3, TimeSpan.FromSeconds(10), backoffCoefficient: 2.0);

    private static ITaskOrchestrator CallFlaky(RetryPolicy policy, List<TaskFailedException>? failures = null) =>
        Orchestrators.Create(async context =>
        {
            try
            {
                return await context.CallActivityAsync<string>("Flaky", "x", TaskOptions.FromRetryPolicy(policy));
            }
            catch (TaskFailedException ex)
            {
                failures?.Add(ex);
                throw;
            }
        });

    [Fact]
    public void CallActivityAsync_WithRetry_WaitsOnDurableTimersWithBackoffThenGivesUp()
    {
        var failures = new List<TaskFailedException>();
        var driver = new EpisodeDriver(CallFlaky(ThreeAttempts, failures));

        Assert.Equal(0, EpisodeDriver.Single<ScheduleTaskAction>(driver.Start()).Id);

        var firstWait = EpisodeDriver.Single<CreateTimerAction>(driver.Run(1, H.TaskFailed(0)));
        Assert.Equal(1, firstWait.Id);
        Assert.Equal(H.At(11), firstWait.FireAt);

        var secondAttempt = EpisodeDriver.Single<ScheduleTaskAction>(driver.Run(11, H.TimerFired(1, H.At(11))));
        Assert.Equal(2, secondAttempt.Id);
        Assert.Equal("Flaky", secondAttempt.Name);
        Assert.Equal("\"x\"", secondAttempt.Input);

        var secondWait = EpisodeDriver.Single<CreateTimerAction>(driver.Run(12, H.TaskFailed(2)));
        Assert.Equal(H.At(32), secondWait.FireAt);

        Assert.Equal(4, EpisodeDriver.Single<ScheduleTaskAction>(driver.Run(32, H.TimerFired(3, H.At(32)))).Id);

        OrchestratorExecutionResult done = driver.Run(40, H.TaskFailed(4, "third failure"));

        Assert.Equal(OrchestrationStatus.Failed, done.Completion!.Status);
        TaskFailedException last = Assert.Single(failures);
        Assert.Equal(4, last.TaskId);
        Assert.Equal("third failure", last.FailureDetails.ErrorMessage);
    }

    [Fact]
    public void CallActivityAsync_WithRetry_SucceedsOnSecondAttempt()
    {
        var driver = new EpisodeDriver(CallFlaky(ThreeAttempts));
        driver.Start();
        driver.Run(1, H.TaskFailed(0));
        driver.Run(11, H.TimerFired(1, H.At(11)));

        OrchestratorExecutionResult done = driver.Run(12, H.TaskCompleted(2, "\"ok\""));

        Assert.Equal(OrchestrationStatus.Completed, done.Completion!.Status);
        Assert.Equal("\"ok\"", done.Completion.Result);
        Assert.Equal(3, done.Completion.Id);
    }

    [Fact]
    public void CallActivityAsync_NonRetriableFailure_IsNotRetried()
    {
        var driver = new EpisodeDriver(CallFlaky(ThreeAttempts));
        driver.Start();

        OrchestratorExecutionResult result = driver.Run(1, H.TaskFailed(0, "invalid input", nonRetriable: true));

        Assert.Equal(OrchestrationStatus.Failed, EpisodeDriver.Single<CompleteOrchestrationAction>(result).Status);
    }

    [Fact]
    public void CallActivityAsync_HandleFailureDeclines_IsNotRetried()
    {
        var policy = new RetryPolicy(5, TimeSpan.FromSeconds(1)) { HandleFailure = failure => failure.ErrorMessage != "fatal" };
        var driver = new EpisodeDriver(CallFlaky(policy));
        driver.Start();

        Assert.IsType<CreateTimerAction>(Assert.Single(driver.Run(1, H.TaskFailed(0, "transient")).Actions));
        driver.Run(2, H.TimerFired(1, H.At(2)));
        OrchestratorExecutionResult result = driver.Run(3, H.TaskFailed(2, "fatal"));

        Assert.Equal(OrchestrationStatus.Failed, EpisodeDriver.Single<CompleteOrchestrationAction>(result).Status);
    }

    [Fact]
    public void CallActivityAsync_RetryTimeoutElapsed_GivesUpWithoutWaiting()
    {
        var policy = new RetryPolicy(10, TimeSpan.FromSeconds(30), retryTimeout: TimeSpan.FromMinutes(1));
        var driver = new EpisodeDriver(CallFlaky(policy));
        driver.Start();

        // 50 s after the first attempt, another 30 s wait would end past the one-minute budget.
        OrchestratorExecutionResult result = driver.Run(50, H.TaskFailed(0));

        Assert.Equal(OrchestrationStatus.Failed, EpisodeDriver.Single<CompleteOrchestrationAction>(result).Status);
    }

    [Fact]
    public void CallSubOrchestratorAsync_WithRetry_ReusesChildInstanceIdAndThrowsTaskFailed()
    {
        TaskFailedException? caught = null;
        ITaskOrchestrator orchestrator = Orchestrators.Create(async context =>
        {
            try
            {
                return await context.CallSubOrchestratorAsync<string>("Child", null, TaskOptions.FromRetryPolicy(new RetryPolicy(2, TimeSpan.FromSeconds(5))));
            }
            catch (TaskFailedException ex)
            {
                caught = ex;
                return "gave up";
            }
        });
        var driver = new EpisodeDriver(orchestrator);

        var first = EpisodeDriver.Single<CreateSubOrchestrationAction>(driver.Start());
        Assert.Equal("4418f46afcb75a4881ac610f7c3db2e9", first.InstanceId); // NewGuid("N") of instance-1 at 00:00, counter 0
        Assert.Equal(H.At(6), EpisodeDriver.Single<CreateTimerAction>(driver.Run(1, H.SubOrchestrationFailed(0))).FireAt);
        var second = EpisodeDriver.Single<CreateSubOrchestrationAction>(driver.Run(6, H.TimerFired(1, H.At(6))));
        OrchestratorExecutionResult done = driver.Run(7, H.SubOrchestrationFailed(2, "still failing"));

        Assert.Equal(first.InstanceId, second.InstanceId);
        Assert.Equal(2, second.Id);
        Assert.Equal("\"gave up\"", done.Completion!.Result);
        Assert.NotNull(caught);
        Assert.Equal(("Child", 2), (caught.TaskName, caught.TaskId));
        Assert.Equal("still failing", caught.FailureDetails.ErrorMessage);
    }
}
