using DurableAgents.StepFunctions.Execution;

namespace Microsoft.DurableTask;

/// <summary>Registers declarative workflows with the official registry, so they start like any orchestrator.</summary>
public static class DeclarativeWorkflowRegistryExtensions
{
    /// <summary>Registers <paramref name="definition"/> as the orchestrator named <see cref="DurableAgents.StepFunctions.WorkflowDefinition.Name"/>.</summary>
    public static DurableTaskRegistry AddDeclarativeWorkflow(this DurableTaskRegistry registry, DurableAgents.StepFunctions.WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(definition);
        return registry.AddOrchestrator(definition.Name, () => new DeclarativeWorkflowOrchestrator(definition));
    }
}
