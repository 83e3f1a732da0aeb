namespace DurableAgents.TaskHub.Internal;

/// <summary>The wake-up target that makes the engine look for ready instances no connected worker can run.</summary>
internal sealed class WorkerWaitCheck
{
    public static WorkerWaitCheck Instance { get; } = new();

    private WorkerWaitCheck()
    {
    }
}
