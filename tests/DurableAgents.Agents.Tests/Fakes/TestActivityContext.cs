using DurableAgents.Activities;
using Microsoft.DurableTask;

namespace DurableAgents.Agents.Tests.Fakes;

/// <summary>The context the worker would give an activity, for calling RunAsync directly.</summary>
internal sealed class TestActivityContext(string instanceId, int taskId, CancellationToken cancellationToken = default)
    : TaskActivityContext, IActivityInvocation
{
    public override TaskName Name => new(InvokeAgentActivity.ActivityName);

    public override string InstanceId => instanceId;

    public int TaskId => taskId;

    public CancellationToken CancellationToken => cancellationToken;
}
