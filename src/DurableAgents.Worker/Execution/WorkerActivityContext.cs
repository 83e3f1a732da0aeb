namespace DurableAgents.Worker.Execution;

/// <summary>The context an activity sees when the worker runs it for a work item.</summary>
internal sealed class WorkerActivityContext(TaskName name, string instanceId, int taskId, CancellationToken cancellationToken)
    : TaskActivityContext
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } = instanceId;

    public override int TaskId { get; } = taskId;

    public override CancellationToken CancellationToken { get; } = cancellationToken;
}
