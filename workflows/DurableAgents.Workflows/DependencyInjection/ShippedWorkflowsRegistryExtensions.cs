using DurableAgents.Agents;
using DurableAgents.StepFunctions;
using DurableAgents.Workflows.AgentCalls;
using DurableAgents.Workflows.Declarative;
using DurableAgents.Workflows.Declarative.Refunds;
using DurableAgents.Workflows.Research;
using DurableAgents.Workflows.SideEffects;
using DurableAgents.Workflows.Supervisor;
using DurableAgents.Workflows.Support;
using Microsoft.DurableTask;

namespace DurableAgents.Workflows.DependencyInjection;

/// <summary>Registers the shipped orchestrators and every activity they call.</summary>
public static class ShippedWorkflowsRegistryExtensions
{
    /// <summary>
    /// Registers the orchestrators "SupervisorWorkflow", "ResearchAssistantWorkflow" and "CustomerSupportWorkflow";
    /// the declarative workflows of <see cref="ShippedDeclarativeWorkflows.All"/> ("SupportTriage", "RefundSaga",
    /// "ResearchTeam"); the activities "DescribeAgents", "CreateTicket", "CancelTicket", "ResolveTicket",
    /// "PublishReport", "UnpublishReport" and RefundSaga's "ValidateRefund", "HoldRefundFunds", "ReleaseRefundFunds",
    /// "IssueRefund", "ReverseRefund", "NotifyRefund"; and "InvokeAgent" (<c>AddAgentActivities</c>) unless it is
    /// registered already. Their services come from <c>services.AddShippedWorkflowServices(configuration)</c>.
    /// </summary>
    public static DurableTaskRegistry AddShippedWorkflows(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        if (!registry.GetActivities().Any(a => string.Equals(a.Key.Name, InvokeAgentActivity.ActivityName, StringComparison.OrdinalIgnoreCase)))
        {
            registry.AddAgentActivities();
        }

        foreach (WorkflowDefinition definition in ShippedDeclarativeWorkflows.All)
        {
            registry.AddDeclarativeWorkflow(definition);
        }

        return registry
            .AddOrchestrator<SupervisorWorkflow>()
            .AddOrchestrator<ResearchAssistantWorkflow>()
            .AddOrchestrator<CustomerSupportWorkflow>()
            .AddActivity<DescribeAgentsActivity>()
            .AddActivity<CreateTicketActivity>()
            .AddActivity<CancelTicketActivity>()
            .AddActivity<ResolveTicketActivity>()
            .AddActivity<PublishReportActivity>()
            .AddActivity<UnpublishReportActivity>()
            .AddActivity<ValidateRefundActivity>()
            .AddActivity<HoldRefundFundsActivity>()
            .AddActivity<ReleaseRefundFundsActivity>()
            .AddActivity<IssueRefundActivity>()
            .AddActivity<ReverseRefundActivity>()
            .AddActivity<NotifyRefundActivity>();
    }
}
