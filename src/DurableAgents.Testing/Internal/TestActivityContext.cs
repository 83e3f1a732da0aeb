namespace DurableAgents.Testing.Internal;

/// <summary>What an activity run by the test host sees.</summary>
internal sealed class TestActivityContext(TaskName name, string instanceId, int taskId, CancellationToken cancellationToken)
    : TaskActivityContext
{
    public override TaskName Name => name;

    public override string InstanceId => instanceId;

    public override int TaskId => taskId;

    public override CancellationToken CancellationToken => cancellationToken;
}
