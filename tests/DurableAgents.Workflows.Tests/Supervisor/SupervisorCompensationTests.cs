using DurableAgents.Sagas;
using DurableAgents.Workflows.Sagas;
using DurableAgents.Workflows.SideEffects;
using DurableAgents.Workflows.Supervisor;
using DurableAgents.Workflows.Tests.Fakes;
using DurableAgents.Workflows.Tests.Infrastructure;

namespace DurableAgents.Workflows.Tests.Supervisor;

public sealed class SupervisorCompensationTests
{
    private static readonly SupervisorRequest Publishing = new("Compare the three largest cloud providers for AI workloads")
    {
        PublishTo = "reports",
    };

    [Fact]
    public async Task RunAsync_PublishTo_OpensTicketPublishesAndResolvesOnce()
    {
        await using WorkflowHost host = WorkflowHost.Start();

        OrchestrationMetadataAssert done = await OrchestrationMetadataAssert.CompletedAsync(host, SupervisorWorkflow.OrchestratorName, Publishing);

        SupervisorReport report = done.Output<SupervisorReport>();
        IReadOnlyList<LedgerEntry> ledger = await host.Ledger.GetEntriesAsync();
        Assert.Equal(["CreateTicket", "PublishReport", "ResolveTicket"], ledger.Select(e => e.Operation));
        Assert.Equal(report.TicketId, ledger[0].Subject);
        Assert.Equal(report.ReportId, ledger[1].Subject);
        Assert.Equal(report.TicketId, ledger[2].Subject);
        Assert.StartsWith("TCK-", report.TicketId, StringComparison.Ordinal);
        Assert.StartsWith("reports: ", ledger[1].Details, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_StepAfterSideEffectsFails_CompensatesInReverseOrderThenFails()
    {
        var ledger = new FaultyLedger(SideEffectOperations.ResolveTicket);
        await using WorkflowHost host = WorkflowHost.Start(s => s.Ledger = ledger);

        OrchestrationMetadataAssert done = await OrchestrationMetadataAssert.FailedAsync(host, SupervisorWorkflow.OrchestratorName, Publishing);

        // ResolveTicket was tried with retries (3 attempts), then both side effects were undone, newest first.
        Assert.Equal(3, ledger.Failures);
        IReadOnlyList<LedgerEntry> entries = await ledger.GetEntriesAsync();
        Assert.Equal(["CreateTicket", "PublishReport", "UnpublishReport", "CancelTicket"], entries.Select(e => e.Operation));
        Assert.Equal(entries[1].Subject, entries[2].Subject);
        Assert.Equal(entries[0].Subject, entries[3].Subject);

        Assert.Equal(typeof(CompensatedWorkflowException).FullName, done.Failure.ErrorType);
        string message = done.Failure.ErrorMessage;
        Assert.Contains("SupervisorWorkflow failed while publishing", message, StringComparison.Ordinal);
        Assert.Contains("The system behind ResolveTicket is unavailable.", message, StringComparison.Ordinal);
        Assert.Contains($"withdraw report {entries[1].Subject} from reports: done; cancel ticket {entries[0].Subject}: done", message, StringComparison.Ordinal);
        Assert.Contains("Every side effect was undone", message, StringComparison.Ordinal);
        Assert.Equal("compensating", done.Status<WorkflowStatus>().Phase);
    }

    [Fact]
    public async Task RunAsync_CompensationItselfFails_OthersStillRunAndFailureSaysWhichToUndoByHand()
    {
        var ledger = new FaultyLedger(SideEffectOperations.ResolveTicket, SideEffectOperations.UnpublishReport);
        await using WorkflowHost host = WorkflowHost.Start(s => s.Ledger = ledger);

        OrchestrationMetadataAssert done = await OrchestrationMetadataAssert.FailedAsync(host, SupervisorWorkflow.OrchestratorName, Publishing);

        // 3 attempts of ResolveTicket, then 5 of UnpublishReport (the compensation retry policy).
        Assert.Equal(3 + CompensationScope.DefaultRetryPolicy.MaxNumberOfAttempts, ledger.Failures);
        Assert.Equal(["CreateTicket", "PublishReport", "CancelTicket"], await host.LedgerOperationsAsync());
        Assert.Contains("FAILED (The system behind UnpublishReport is unavailable.)", done.Failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("undo those side effects by hand", done.Failure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_PlanningFailsAfterTicketOpened_CancelsTicketAndKeepsThePlanProblem()
    {
        await using WorkflowHost host = WorkflowHost.Start(s => s.UseModel("planner", ScriptedChatClient.Always("no plan today")));

        OrchestrationMetadataAssert done = await OrchestrationMetadataAssert.FailedAsync(host, SupervisorWorkflow.OrchestratorName, Publishing);

        Assert.Equal(typeof(CompensatedWorkflowException).FullName, done.Failure.ErrorType);
        Assert.Contains("SupervisorWorkflow failed while planning: The planner agent 'planner' gave no valid plan", done.Failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(typeof(InvalidPlanException).FullName, done.Failure.InnerFailure?.ErrorType);
        Assert.Equal(["CreateTicket", "CancelTicket"], await host.LedgerOperationsAsync());
    }
}
