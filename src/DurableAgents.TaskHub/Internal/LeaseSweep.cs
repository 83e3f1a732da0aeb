namespace DurableAgents.TaskHub.Internal;

/// <summary>The wake-up target that makes the engine expire leases whose time is up.</summary>
internal sealed class LeaseSweep
{
    public static LeaseSweep Instance { get; } = new();

    private LeaseSweep()
    {
    }
}
