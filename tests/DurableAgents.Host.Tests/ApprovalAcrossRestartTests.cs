using System.Net;
using System.Text.Json.Nodes;
using DurableAgents.Approvals;
using Microsoft.DurableTask.Client;
using DurableAgents.History;
using DurableAgents.Host.Tests.Infrastructure;
using DurableAgents.Workflows.SideEffects;
using DurableAgents.Workflows.Supervisor;

namespace DurableAgents.Host.Tests;

/// <summary>
/// The approval flow end to end on the all-in-one host: the host is stopped while a supervisor run waits for a person,
/// a new host starts on the same files and ports, and the answer given to the new host completes the run with nothing
/// lost and nothing done twice.
/// </summary>
public sealed class ApprovalAcrossRestartTests
{
    private const string Request = "Compare the three largest cloud providers for AI workloads and write a summary";

    [Fact]
    public async Task Supervisor_HostRestartedWhileWaitingForApproval_ApprovalCompletesTheRunOnceWithNothingLost()
    {
        using var setup = new HostSetup();
        var input = new { request = Request, riskyCapabilities = new[] { "writing" }, publishTo = "reports" };
        string id;
        JsonObject pending;
        IReadOnlyList<HistoryEvent> historyBeforeRestart;
        IReadOnlyList<LedgerEntry> ledgerBeforeRestart;

        await using (RunningHost first = await setup.StartAsync())
        {
            id = await first.Api.StartInstanceAsync(SupervisorWorkflow.OrchestratorName, input);
            pending = await first.Api.WaitForApprovalAsync(id);
            historyBeforeRestart = await first.History.GetHistoryAsync(id, Deadline.Token());
            ledgerBeforeRestart = setup.ReadLedger();
        }

        // The offline planner chains research -> analysis -> writing; the writing step is risky and waits.
        string approvalName = SupervisorWorkflow.ApprovalNameFor("step-3");
        Assert.Equal(approvalName, pending["name"]!.GetValue<string>());
        Assert.Equal(SupervisorWorkflow.OrchestratorName, pending["orchestratorName"]!.GetValue<string>());
        Assert.Equal("step-3", pending["details"]!["subtask"]!.GetValue<string>());
        Assert.Equal(3, historyBeforeRestart.Scheduled("InvokeAgent").Count);
        LedgerEntry ticket = Assert.Single(ledgerBeforeRestart);
        Assert.Equal(SideEffectOperations.CreateTicket, ticket.Operation);

        await using RunningHost second = await setup.StartAsync();

        // The wait survived the restart as it was: same approval, same start of the wait.
        JsonObject? stillPending = await second.Api.FindApprovalAsync(id);
        Assert.NotNull(stillPending);
        Assert.Equal(approvalName, stillPending["name"]!.GetValue<string>());
        Assert.Equal(pending["since"]!.GetValue<string>(), stillPending["since"]!.GetValue<string>());

        using (HttpResponseMessage answer = await second.Api.AnswerApprovalAsync(id, approvalName, approved: true, "ana", "go ahead"))
        {
            Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        }

        using (HttpResponseMessage second1 = await second.Api.AnswerApprovalAsync(id, approvalName, approved: false, "bob", "changed my mind"))
        {
            // 409 while the answered wait is still shown; 404 once the run has moved on. Either way it is refused.
            Assert.True(
                second1.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.NotFound,
                $"A second answer was not refused: {(int)second1.StatusCode} {await second1.Content.ReadAsStringAsync()}");
        }

        OrchestrationMetadata done = await second.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Deadline.Token());
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");

        SupervisorReport report = done.ReadOutputAs<SupervisorReport>()!;
        Assert.Equal(["step-1", "step-2", "step-3"], report.Subtasks.Select(s => s.Id));
        Assert.All(report.Subtasks, s => Assert.Equal(SubtaskStatus.Completed, s.Status));
        SubtaskOutcome writing = report.Subtasks[2];
        Assert.True(writing.Risky);
        Assert.Equal("ana", writing.Approver);
        Assert.Equal("writer", writing.Agent);
        Assert.Null(report.Subtasks[0].Approver);
        Assert.Equal(5, report.AgentCalls);

        // One execution, one answer delivered, every pre-restart event kept as it was.
        IReadOnlyList<HistoryEvent> history = await second.History.GetHistoryAsync(id, Deadline.Token());
        Assert.Equal(1, history.Count<ExecutionStartedEvent>());
        Assert.Equal(1, history.Count<ExecutionCompletedEvent>());
        EventRaisedEvent raised = Assert.Single(history.OfType<EventRaisedEvent>());
        Assert.Equal(ApprovalContextExtensions.GetEventName(approvalName), raised.Name);
        Assert.Contains("ana", raised.Input, StringComparison.Ordinal);
        Assert.Equal(historyBeforeRestart.Select(HistoryFacts.Describe), history.Take(historyBeforeRestart.Count).Select(HistoryFacts.Describe));
        Assert.Equal(5, history.Scheduled("InvokeAgent").Count);
        Assert.Single(history.Scheduled(SideEffectOperations.CreateTicket));

        // The management API shows the same: one start, one completion.
        using (HttpResponseMessage status = await second.Api.GetInstanceAsync(id, "?showHistory=true"))
        {
            JsonNode body = await ManagementApi.ReadJsonAsync(status);
            Assert.Equal(HttpStatusCode.OK, status.StatusCode);
            Assert.Equal("Completed", body["runtimeStatus"]!.GetValue<string>());
            List<string> eventTypes = body["historyEvents"]!.AsArray().Select(e => e!["EventType"]!.GetValue<string>()).ToList();
            Assert.Single(eventTypes, t => t == "ExecutionStarted");
            Assert.Single(eventTypes, t => t == "ExecutionCompleted");
        }

        // Each side effect happened once: the ticket opened before the restart is the one resolved after it.
        IReadOnlyList<LedgerEntry> ledger = setup.ReadLedger();
        Assert.Equal(
            [SideEffectOperations.CreateTicket, SideEffectOperations.PublishReport, SideEffectOperations.ResolveTicket],
            ledger.Select(e => e.Operation));
        Assert.Equal(ticket, ledger[0]);
        Assert.Equal(report.TicketId, ledger[0].Subject);
        Assert.Equal(report.ReportId, ledger[1].Subject);
        Assert.Equal(report.TicketId, ledger[2].Subject);
        Assert.Equal(3, ledger.Select(e => e.IdempotencyKey).Distinct(StringComparer.Ordinal).Count());

        // After the run, the approval is no longer pending: another answer is a conflict and nothing is delivered.
        using (HttpResponseMessage late = await second.Api.AnswerApprovalAsync(id, approvalName, approved: true, "carol", "late"))
        {
            Assert.Equal(HttpStatusCode.Conflict, late.StatusCode);
        }

        Assert.Null(await second.Api.FindApprovalAsync(id));
        Assert.Single((await second.History.GetHistoryAsync(id, Deadline.Token())).OfType<EventRaisedEvent>());
    }
}
