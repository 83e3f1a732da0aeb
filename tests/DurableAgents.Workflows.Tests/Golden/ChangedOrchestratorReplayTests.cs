using DurableAgents.Actions;
using DurableAgents.Converters;
using DurableAgents.History;
using DurableAgents.Replay;
using Microsoft.DurableTask;

namespace DurableAgents.Workflows.Tests.Golden;

/// <summary>
/// A golden history replayed against a deliberately changed workflow fails on both executors with a message that names
/// the step: the recorded event and activity, and what the changed code did instead.
/// </summary>
public sealed class ChangedOrchestratorReplayTests
{
    private const string Golden = "customer-support.answered";

    [Fact]
    public void OurExecutor_WorkflowNoLongerOpensTheTicket_FailsNamingTheRecordedStepAndTheNewCall()
    {
        IReadOnlyList<HistoryEvent> history = GoldenFiles.Load(Golden);
        TaskScheduledEvent ticket = history.OfType<TaskScheduledEvent>().Single(e => e.Name == "CreateTicket");

        OrchestratorExecutionResult result = new OrchestrationExecutor(WebJsonDataConverter.Default)
            .Execute(new SupportWorkflowWithoutTicket(), history, []);

        CompleteOrchestrationAction completion = Assert.IsType<CompleteOrchestrationAction>(Assert.Single(result.Actions));
        Assert.Equal(OrchestrationStatus.Failed, completion.Status);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, completion.FailureDetails!.ErrorType);
        string message = completion.FailureDetails.ErrorMessage;
        Assert.Contains($"history event #{ticket.EventId}", message, StringComparison.Ordinal);
        Assert.Contains("TaskScheduled 'CreateTicket'", message, StringComparison.Ordinal);
        Assert.Contains($"ScheduleTask 'InvokeAgent' (#{ticket.EventId})", message, StringComparison.Ordinal);
    }

    [Fact]
    public void OfficialRunner_WorkflowNoLongerOpensTheTicket_FailsNamingTheRecordedStepAndTheNewCall()
    {
        IReadOnlyList<HistoryEvent> history = GoldenFiles.Load(Golden);
        TaskScheduledEvent ticket = history.OfType<TaskScheduledEvent>().Single(e => e.Name == "CreateTicket");

        List<OrchestratorAction> actions = OfficialRunner.Run(new SupportWorkflowWithoutTicket(), history, []);

        CompleteOrchestrationAction completion = Assert.IsType<CompleteOrchestrationAction>(actions[^1]);
        Assert.Equal(OrchestrationStatus.Failed, completion.Status);
        Assert.Equal("DurableTask.Core.Exceptions.NonDeterministicOrchestrationException", completion.FailureDetails!.ErrorType);
        string message = completion.FailureDetails.ErrorMessage;
        Assert.Contains(
            $"scheduled an activity task with sequence number {ticket.EventId} named 'CreateTicket', but the current orchestration replay instead scheduled an activity task named 'InvokeAgent'",
            message, StringComparison.Ordinal);
    }
}
