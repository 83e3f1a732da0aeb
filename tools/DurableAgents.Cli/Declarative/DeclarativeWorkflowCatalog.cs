using DurableAgents.Cli.Errors;
using DurableAgents.StepFunctions;

namespace DurableAgents.Cli.Declarative;

/// <summary>The declarative workflows the CLI can export and describe, looked up by name.</summary>
internal sealed class DeclarativeWorkflowCatalog
{
    public DeclarativeWorkflowCatalog(IReadOnlyList<WorkflowDefinition> workflows)
    {
        All = workflows;
    }

    /// <summary>Every workflow, in the catalog's order.</summary>
    public IReadOnlyList<WorkflowDefinition> All { get; }

    /// <summary>The workflow called <paramref name="name"/> (the exact name).</summary>
    /// <exception cref="CliUsageException">No workflow has that name; the message lists the known ones.</exception>
    public WorkflowDefinition Find(string name) =>
        All.FirstOrDefault(w => w.Name == name)
        ?? throw new CliUsageException(
            $"no declarative workflow is called '{name}'. Known workflows: {(All.Count == 0 ? "none" : string.Join(", ", All.Select(w => w.Name)))}.");
}
