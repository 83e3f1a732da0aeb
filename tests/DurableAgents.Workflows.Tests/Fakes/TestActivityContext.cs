using DurableAgents.Activities;
using Microsoft.DurableTask;

namespace DurableAgents.Workflows.Tests.Fakes;

/// <summary>The context the worker would give an activity, for calling RunAsync directly.</summary>
internal sealed class TestActivityContext(string name, string instanceId, int taskId) : TaskActivityContext, IActivityInvocation
{
    public override TaskName Name => new(name);

    public override string InstanceId => instanceId;

    public int TaskId => taskId;

    public CancellationToken CancellationToken => CancellationToken.None;
}
