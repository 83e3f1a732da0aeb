using System.Text.Json.Nodes;
using Microsoft.DurableTask;

namespace DurableAgents.StepFunctions.Execution;

/// <summary>
/// The one orchestrator that runs any declarative workflow: its input is the run's JSON input, its output the last
/// state's output. A failure that no Catch handles fails the orchestration with a <see cref="DataFlow.StatesErrorException"/>
/// whose message is <c>{Error}: {Cause}</c>, after the compensations of the finished task states ran, newest first.
/// </summary>
public sealed class DeclarativeWorkflowOrchestrator : TaskOrchestrator<JsonNode?, JsonNode?>
{
    private readonly WorkflowDefinition _definition;

    /// <summary>Creates the orchestrator for <paramref name="definition"/>.</summary>
    public DeclarativeWorkflowOrchestrator(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        _definition = definition;
    }

    /// <inheritdoc/>
    public override Task<JsonNode?> RunAsync(TaskOrchestrationContext context, JsonNode? input)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new WorkflowRun(context, _definition).RunAsync(input);
    }
}
