using DurableAgents.Sagas;
using DurableAgents.Workflows.AgentCalls;
using DurableAgents.Workflows.Sagas;
using DurableAgents.Workflows.SideEffects;
using Microsoft.DurableTask;

namespace DurableAgents.Workflows.Support;

/// <summary>
/// Customer support: opens a ticket, then fetches the customer's data and checks the request for compliance in
/// parallel, then a writer drafts the reply and the ticket is resolved with it. A non-compliant verdict stops before
/// the writer: the ticket is cancelled (compensation) and the output says why. Any failure after the ticket was
/// opened cancels it too, then fails the run with <see cref="CompensatedWorkflowException"/>.
/// Registered as "CustomerSupportWorkflow".
/// </summary>
[DurableTask(OrchestratorName)]
public sealed class CustomerSupportWorkflow : TaskOrchestrator<SupportRequest, SupportReply>
{
    /// <summary>The name the orchestrator is registered and started under.</summary>
    public const string OrchestratorName = "CustomerSupportWorkflow";

    private static readonly TaskOptions SideEffectOptions =
        TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(5), 2.0, TimeSpan.FromMinutes(1)));

    /// <inheritdoc/>
    public override async Task<SupportReply> RunAsync(TaskOrchestrationContext context, SupportRequest input)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (input is null || string.IsNullOrWhiteSpace(input.CustomerId) || string.IsNullOrWhiteSpace(input.Message))
        {
            throw new ArgumentException("Customer support needs an input like {\"customerId\":\"C-42\",\"message\":\"...\"}.", nameof(input));
        }

        AgentCatalog catalog = await context.CallActivityAsync<AgentCatalog>(DescribeAgentsActivity.ActivityName);
        var compensations = new CompensationScope(context);
        string phase = WorkflowPhases.Publishing;
        context.SetCustomStatus(new WorkflowStatus(WorkflowPhases.Publishing) { Detail = "opening ticket" });
        SideEffectReceipt ticket = await context.CallActivityAsync<SideEffectReceipt>(
            CreateTicketActivity.ActivityName,
            new CreateTicketInput($"Support request from {input.CustomerId}", input.Message),
            SideEffectOptions);
        compensations.Register(
            CancelTicketActivity.ActivityName,
            new CancelTicketInput(ticket.Subject, "The support request was stopped before it was answered."),
            $"cancel ticket {ticket.Subject}");

        try
        {
            var run = new SupportRun(context, input, catalog);
            phase = WorkflowPhases.Checking;
            (string data, ComplianceVerdict verdict) = await run.CheckAsync();
            if (!verdict.Compliant)
            {
                // A refusal is an answer, not an error: undo the ticket and say why, without calling the writer.
                context.SetCustomStatus(new WorkflowStatus(WorkflowPhases.Compensating) { Detail = verdict.Reason });
                CompensationReport undone = await compensations.CompensateAsync();
                context.SetCustomStatus(new WorkflowStatus(WorkflowPhases.Completed) { Detail = "blocked by compliance" });
                return run.Reply(SupportOutcome.BlockedByCompliance, ticket.Subject, verdict) with { Compensation = undone };
            }

            phase = WorkflowPhases.Writing;
            string reply = await run.WriteAsync(data, verdict);

            phase = WorkflowPhases.Publishing;
            context.SetCustomStatus(new WorkflowStatus(WorkflowPhases.Publishing) { Detail = "resolving ticket" });
            await context.CallActivityAsync<SideEffectReceipt>(
                ResolveTicketActivity.ActivityName, new ResolveTicketInput(ticket.Subject, reply), SideEffectOptions);
            context.SetCustomStatus(new WorkflowStatus(WorkflowPhases.Completed));
            return run.Reply(SupportOutcome.Answered, ticket.Subject, verdict) with { Reply = reply };
        }
        catch (Exception exception) when (compensations.Count > 0 && exception is not NonDeterministicOrchestrationException)
        {
            context.SetCustomStatus(new WorkflowStatus(WorkflowPhases.Compensating) { Total = compensations.Count });
            CompensationReport undone = await compensations.CompensateAsync();
            throw new CompensatedWorkflowException(OrchestratorName, phase, exception, undone);
        }
    }
}
