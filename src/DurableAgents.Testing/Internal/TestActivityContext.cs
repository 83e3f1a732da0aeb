using DurableAgents.Activities;
using Microsoft.DurableTask;

namespace DurableAgents.Testing.Internal;

/// <summary>What an activity run by the test host sees.</summary>
internal sealed class TestActivityContext(TaskName name, string instanceId, int taskId, CancellationToken cancellationToken)
    : TaskActivityContext, IActivityInvocation
{
    public override TaskName Name => name;

    public override string InstanceId => instanceId;

    public int TaskId => taskId;

    public CancellationToken CancellationToken => cancellationToken;
}
