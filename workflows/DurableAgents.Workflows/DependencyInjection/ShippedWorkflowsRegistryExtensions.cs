using DurableAgents.Agents;
using DurableAgents.Workflows.AgentCalls;
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
    /// the activities "DescribeAgents", "CreateTicket", "CancelTicket", "ResolveTicket", "PublishReport",
    /// "UnpublishReport"; and "InvokeAgent" (<c>AddAgentActivities</c>) unless it is registered already. Their services
    /// come from <c>services.AddShippedWorkflowServices(configuration)</c>.
    /// </summary>
    public static DurableTaskRegistry AddShippedWorkflows(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        if (!registry.GetActivities().Any(a => string.Equals(a.Key.Name, InvokeAgentActivity.ActivityName, StringComparison.OrdinalIgnoreCase)))
        {
            registry.AddAgentActivities();
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
            .AddActivity<UnpublishReportActivity>();
    }
}
