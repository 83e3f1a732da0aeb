using DurableAgents.Agents.Calls;
using DurableAgents.Workflows.AgentCalls;
using DurableAgents.Workflows.SideEffects;
using DurableAgents.Workflows.Support;
using Microsoft.DurableTask;

namespace DurableAgents.Workflows.Tests.Golden;

/// <summary>
/// A deliberately changed CustomerSupportWorkflow, as an edit that forgets running instances would make it: it no
/// longer opens a ticket (<see cref="CreateTicketActivity"/>) before calling the agents. Replaying a golden history of
/// the shipped workflow against it must fail at that step.
/// </summary>
internal sealed class SupportWorkflowWithoutTicket : TaskOrchestrator<SupportRequest, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, SupportRequest input)
    {
        await context.CallActivityAsync<AgentCatalog>(DescribeAgentsActivity.ActivityName);

        // The shipped workflow calls CreateTicket here.
        AgentResult data = await context.CallActivityAsync<AgentResult>(
            Agents.InvokeAgentActivity.ActivityName, new AgentRequest(input.DataFetcher, $"Collect the account data of customer {input.CustomerId}."));
        return data.Text;
    }
}
