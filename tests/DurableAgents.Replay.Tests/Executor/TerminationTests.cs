using DurableAgents.Converters;
using Microsoft.DurableTask;

namespace DurableAgents.Replay.Tests.Executor;

public class TerminationTests
{
    private readonly OrchestrationExecutor _executor = new(WebJsonDataConverter.Default);

    private static readonly ITaskOrchestrator LongRunning = Orchestrators.Create(async context =>
    {
        await context.CallActivityAsync("Step1");
        await context.CallActivityAsync("Step2");
        return "finished";
    });

    [Fact]
    public void ExecutionTerminated_RunningInstance_CompletesTerminatedWithReasonAndDropsPendingWork()
    {
        HistoryEvent[] past = [.. H.Start(), H.TaskScheduled(0, "Step1")];

        OrchestratorExecutionResult result = _executor.Execute(
            LongRunning, past, [H.OrchestratorStarted(5), H.TaskCompleted(0, null), H.Terminated("\"operator said stop\"")]);

        var completion = EpisodeDriver.Single<CompleteOrchestrationAction>(result);
        Assert.Equal(OrchestrationStatus.Terminated, completion.Status);
        Assert.Equal("\"operator said stop\"", completion.Result);
    }

    [Fact]
    public void ExecutionTerminated_ReplayOfTerminatedHistory_ProducesNoActions()
    {
        var driver = new EpisodeDriver(LongRunning);
        driver.Start();
        driver.Run(5, H.TaskCompleted(0, null), H.Terminated("\"stop\""));

        Assert.Empty(_executor.Execute(LongRunning, driver.History, H.None).Actions);
    }

    [Fact]
    public void ExecutionTerminated_EventsAfterIt_AreIgnored()
    {
        HistoryEvent[] past = [.. H.Start(), H.TaskScheduled(0, "Step1")];

        OrchestratorExecutionResult result = _executor.Execute(
            LongRunning, past, [H.OrchestratorStarted(5), H.Terminated(null), H.TaskCompleted(0, null), H.EventRaised("x", null)]);

        Assert.Equal(OrchestrationStatus.Terminated, EpisodeDriver.Single<CompleteOrchestrationAction>(result).Status);
    }

    [Fact]
    public void SuspendAndResumeEvents_AreBookkeeping_AndDoNotDisturbReplay()
    {
        HistoryEvent[] past =
        [
            .. H.Start(), H.TaskScheduled(0, "Step1"),
            H.OrchestratorStarted(1), new ExecutionSuspendedEvent(-1, H.At(1), "pause"),
            H.OrchestratorStarted(2), new ExecutionResumedEvent(-1, H.At(2), "go"), new GenericEvent(-1, H.At(2), "note"),
            new HistoryStateEvent(-1, H.At(2), H.InstanceId, "Orchestrator", OrchestrationStatus.Running),
            new ExecutionRewoundEvent(-1, H.At(2), "rewind"), new ContinueAsNewEvent(-1, H.At(2), "null"),
            new OrchestratorCompletedEvent(-1, H.At(2)),
        ];

        OrchestratorExecutionResult result = _executor.Execute(LongRunning, past, [H.OrchestratorStarted(3), H.TaskCompleted(0, null)]);

        Assert.Equal("Step2", EpisodeDriver.Single<ScheduleTaskAction>(result).Name);
    }
}
