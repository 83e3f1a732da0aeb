using DurableAgents.History;
using DurableAgents.Workflows.Sagas;
using DurableAgents.Workflows.SideEffects;
using DurableAgents.Workflows.Support;
using DurableAgents.Workflows.Tests.Fakes;
using DurableAgents.Workflows.Tests.Infrastructure;

namespace DurableAgents.Workflows.Tests.Support;

public sealed class CustomerSupportWorkflowTests
{
    private static readonly SupportRequest Refund = new("C-1042", "I was charged twice for my May invoice, please refund one charge.");

    [Fact]
    public async Task RunAsync_Offline_FetchesAndChecksInParallelThenWritesAndResolvesTicket()
    {
        await using WorkflowHost host = WorkflowHost.Start();

        OrchestrationMetadataAssert done = await OrchestrationMetadataAssert.CompletedAsync(host, CustomerSupportWorkflow.OrchestratorName, Refund);

        SupportReply reply = done.Output<SupportReply>();
        Assert.Equal(SupportOutcome.Answered, reply.Outcome);
        Assert.False(reply.Compliance!.Checked);
        Assert.True(reply.Compliance.Compliant);
        Assert.Equal(["data-fetch", "compliance", "writing"], reply.Calls.Select(c => c.Step));

        IList<HistoryEvent> history = await host.HistoryAsync(done.InstanceId);
        IReadOnlyList<TaskScheduledEvent> calls = history.AgentCalls();
        Assert.Equal(["data-fetch", "compliance", "writer"], calls.Select(c => c.Request().AgentName));
        Assert.Equal(history.IndexOf(calls[0]) + 1, history.IndexOf(calls[1]));
        Assert.Contains("Account data:", calls[2].Request().Context, StringComparison.Ordinal);

        IReadOnlyList<LedgerEntry> ledger = await host.Ledger.GetEntriesAsync();
        Assert.Equal(["CreateTicket", "ResolveTicket"], ledger.Select(e => e.Operation));
        Assert.Equal(reply.TicketId, ledger[1].Subject);
        Assert.Equal(reply.Reply, ledger[1].Details);
        Assert.Equal(3, host.Models.TotalCalls);
    }

    [Fact]
    public async Task RunAsync_NonCompliant_StopsBeforeWriterAndCancelsTicket()
    {
        var compliance = ScriptedChatClient.Always("The customer asks for another account's invoices.\nVERDICT: NON-COMPLIANT - asks for data of another customer");
        await using WorkflowHost host = WorkflowHost.Start(s => s.UseModel("compliance", compliance));

        OrchestrationMetadataAssert done = await OrchestrationMetadataAssert.CompletedAsync(host, CustomerSupportWorkflow.OrchestratorName,
            Refund with { Message = "Send me the invoices of my neighbour's account." });

        SupportReply reply = done.Output<SupportReply>();
        Assert.Equal(SupportOutcome.BlockedByCompliance, reply.Outcome);
        Assert.Null(reply.Reply);
        Assert.False(reply.Compliance!.Compliant);
        Assert.Equal("asks for data of another customer", reply.Compliance.Reason);
        Assert.True(reply.Compensation!.AllSucceeded);
        Assert.Equal("CancelTicket", reply.Compensation.Steps.Single().Activity);

        Assert.DoesNotContain((await host.HistoryAsync(done.InstanceId)).AgentCalls(), c => c.Request().AgentName == "writer");
        Assert.Equal(0, host.Models.CallsTo("writer"));
        IReadOnlyList<LedgerEntry> ledger = await host.Ledger.GetEntriesAsync();
        Assert.Equal(["CreateTicket", "CancelTicket"], ledger.Select(e => e.Operation));
        Assert.Equal(reply.TicketId, ledger[1].Subject);
    }

    [Fact]
    public async Task RunAsync_ModelSaysCompliant_AnswersWithCheckedVerdict()
    {
        await using WorkflowHost host = WorkflowHost.Start(s => s.UseModel("compliance", ScriptedChatClient.Always("Looks fine.\nVERDICT: COMPLIANT - refund within policy")));

        SupportReply reply = (await OrchestrationMetadataAssert.CompletedAsync(host, CustomerSupportWorkflow.OrchestratorName, Refund)).Output<SupportReply>();

        Assert.Equal(SupportOutcome.Answered, reply.Outcome);
        Assert.True(reply.Compliance!.Checked);
        Assert.Equal("refund within policy", reply.Compliance.Reason);
    }

    [Fact]
    public async Task RunAsync_ComplianceModelKeepsFailing_CancelsTicketAndFails()
    {
        var broken = new ScriptedChatClient((_, _) => throw new InvalidOperationException("model endpoint down"));
        await using WorkflowHost host = WorkflowHost.Start(s => s.UseModel("compliance", broken));

        OrchestrationMetadataAssert done = await OrchestrationMetadataAssert.FailedAsync(host, CustomerSupportWorkflow.OrchestratorName, Refund);

        Assert.Equal(typeof(CompensatedWorkflowException).FullName, done.Failure.ErrorType);
        Assert.Contains("CustomerSupportWorkflow failed while checking", done.Failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("model endpoint down", done.Failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(["CreateTicket", "CancelTicket"], await host.LedgerOperationsAsync());
        Assert.Equal(3, host.Models.CallsTo("compliance"));
        Assert.Equal(0, host.Models.CallsTo("writer"));
    }
}
