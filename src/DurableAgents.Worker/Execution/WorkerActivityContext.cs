using DurableAgents.Activities;
using Microsoft.DurableTask;

namespace DurableAgents.Worker.Execution;

/// <summary>The SDK's activity context, plus the task id and cancellation token this executor knows.</summary>
internal sealed class WorkerActivityContext(TaskName name, string instanceId, int taskId, CancellationToken cancellationToken)
    : TaskActivityContext, IActivityInvocation
{
    public override TaskName Name { get; } = name;

    public override string InstanceId { get; } = instanceId;

    public int TaskId { get; } = taskId;

    public CancellationToken CancellationToken { get; } = cancellationToken;
}
