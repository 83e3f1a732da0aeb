namespace DurableAgents.Worker.Hosting;

/// <summary>The kinds of work item the worker runs.</summary>
internal enum WorkItemKind
{
    Orchestrator,
    Activity,
}
