using DurableAgents.Converters;
using Microsoft.DurableTask;

namespace DurableAgents.Replay.Tests.Executor;

public class NondeterminismTests
{
    private readonly OrchestrationExecutor _executor = new(WebJsonDataConverter.Default);

    private static ITaskOrchestrator Calls(params string[] activities) => Orchestrators.Create(async context =>
    {
        foreach (string activity in activities)
        {
            await context.CallActivityAsync(activity);
        }

        return activities.Length;
    });

    /// <summary>Asserts the episode failed the instance as nondeterministic and returns the failure message.</summary>
    private static string AssertNondeterministic(OrchestratorExecutionResult result)
    {
        var completion = EpisodeDriver.Single<CompleteOrchestrationAction>(result);
        Assert.Equal(OrchestrationStatus.Failed, completion.Status);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, completion.FailureDetails!.ErrorType);
        return completion.FailureDetails.ErrorMessage;
    }

    [Fact]
    public void Replay_ActivityRenamed_FailsNamingEventIdAndBothNames()
    {
        HistoryEvent[] past = [.. H.Start(), H.TaskScheduled(0, "ChargeCard")];

        OrchestratorExecutionResult result = _executor.Execute(Calls("RefundCard"), past, [H.OrchestratorStarted(1), H.TaskCompleted(0, null)]);

        string message = AssertNondeterministic(result);
        Assert.Contains("history event #0", message, StringComparison.Ordinal);
        Assert.Contains("TaskScheduled 'ChargeCard'", message, StringComparison.Ordinal);
        Assert.Contains("ScheduleTask 'RefundCard'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_TimerRecordedButCodeCallsActivity_Fails()
    {
        HistoryEvent[] past = [.. H.Start(), H.TimerCreated(0, H.At(60))];

        string message = AssertNondeterministic(_executor.Execute(Calls("Work"), past, H.None));

        Assert.Contains("TimerCreated", message, StringComparison.Ordinal);
        Assert.Contains("ScheduleTask 'Work' (#0)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_RecordedCallTheCodeNoLongerMakes_Fails()
    {
        ITaskOrchestrator orchestrator = Orchestrators.Create(async context =>
        {
            await context.CallActivityAsync("A");
            return 0;
        });
        HistoryEvent[] past = [.. H.Start(), H.TaskScheduled(0, "A"), H.TaskScheduled(1, "B")];

        string message = AssertNondeterministic(_executor.Execute(orchestrator, past, H.None));

        Assert.Contains("history event #1 records TaskScheduled 'B'", message, StringComparison.Ordinal);
        Assert.Contains("nothing", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_CodeMakesACallHistoryDoesNotRecord_FailsAtTheNextEpisode()
    {
        ITaskOrchestrator orchestrator = Orchestrators.Create(async context =>
        {
            Task audit = context.CallActivityAsync("Audit");
            await context.CallActivityAsync("A");
            await audit;
            return 0;
        });
        HistoryEvent[] past = [.. H.Start(), H.TaskScheduled(0, "A")];

        string message = AssertNondeterministic(_executor.Execute(orchestrator, past, [H.OrchestratorStarted(1), H.TaskCompleted(0, null)]));

        Assert.Contains("history event #0 records TaskScheduled 'A'", message, StringComparison.Ordinal);
        Assert.Contains("ScheduleTask 'Audit' (#0)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_ExtraCallAfterRecordedOnes_FailsAtEpisodeBoundary()
    {
        ITaskOrchestrator orchestrator = Orchestrators.Create(async context =>
        {
            Task a = context.CallActivityAsync("A");
            Task extra = context.CallActivityAsync("Extra");
            await Task.WhenAll(a, extra);
            return 0;
        });
        HistoryEvent[] past = [.. H.Start(), H.TaskScheduled(0, "A"), H.OrchestratorStarted(1), H.TaskCompleted(0, null)];

        string message = AssertNondeterministic(_executor.Execute(orchestrator, past, H.None));

        Assert.Contains("history event #1", message, StringComparison.Ordinal);
        Assert.Contains("ScheduleTask 'Extra' (#1)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_CodeFinishesEarlierThanHistory_Fails()
    {
        HistoryEvent[] past = [.. H.Start(), H.TaskScheduled(0, "A"), H.OrchestratorStarted(1), H.TaskCompleted(0, null), H.TaskScheduled(1, "B")];

        string message = AssertNondeterministic(_executor.Execute(Calls("A"), past, H.None));

        Assert.Contains("history event #1 records TaskScheduled 'B'", message, StringComparison.Ordinal);
        Assert.Contains("CompleteOrchestration", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_RecordedCompletionWithOtherStatus_Fails()
    {
        ITaskOrchestrator throwsNow = Orchestrators.Create<int>(_ => throw new InvalidOperationException("changed"));
        HistoryEvent[] past = [.. H.Start(), H.Completed(OrchestrationStatus.Completed, "1")];

        string message = AssertNondeterministic(_executor.Execute(throwsNow, past, H.None));

        Assert.Contains("ExecutionCompleted with status Completed", message, StringComparison.Ordinal);
        Assert.Contains("CompleteOrchestration with status Failed", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_SubOrchestratorRenamed_Fails()
    {
        ITaskOrchestrator orchestrator = Orchestrators.Create(async context => await context.CallSubOrchestratorAsync<int>("NewChild"));
        HistoryEvent[] past = [.. H.Start(), H.SubOrchestrationCreated(0, "OldChild", "old-child")];

        string message = AssertNondeterministic(_executor.Execute(orchestrator, past, H.None));

        Assert.Contains("'OldChild'", message, StringComparison.Ordinal);
        Assert.Contains("'NewChild'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_AnswerOfTheWrongKind_Fails()
    {
        ITaskOrchestrator orchestrator = Orchestrators.Create(async context =>
        {
            await context.CreateTimer(TimeSpan.FromMinutes(1), CancellationToken.None);
            return 0;
        });
        HistoryEvent[] past = [.. H.Start(), H.TimerCreated(0, H.At(60))];

        string message = AssertNondeterministic(_executor.Execute(orchestrator, past, [H.OrchestratorStarted(60), H.TaskCompleted(0, null)]));

        Assert.Contains("TaskCompleted answering task #0", message, StringComparison.Ordinal);
        Assert.Contains("a timer #0", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_HistoryThatAlreadyRecordsTheNondeterminismFailure_ProducesNoNewActions()
    {
        var driver = new EpisodeDriver(Calls("A"));
        driver.History.AddRange([.. H.Start(), H.TaskScheduled(0, "Renamed")]);

        OrchestratorExecutionResult failed = driver.Run(1, H.TaskCompleted(0, null));
        Assert.Equal(OrchestrationStatus.Failed, failed.Completion!.Status);

        Assert.Empty(_executor.Execute(Calls("A"), driver.History, H.None).Actions);
    }
}
