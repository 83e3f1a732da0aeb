namespace DurableAgents.Replay.Internal;

/// <summary>One pending WaitForExternalEvent call; waiters of a name are served first come, first served.</summary>
internal abstract class EventWaiter
{
    /// <summary>True once the waiter got its event or was cancelled.</summary>
    public bool IsFinished { get; protected set; }

    /// <summary>Completes the wait with the event's payload.</summary>
    public abstract void Deliver(string? payload);
}
