namespace DurableAgents;

/// <summary>What an activity knows about the call that scheduled it.</summary>
public abstract class TaskActivityContext
{
    /// <summary>The activity name.</summary>
    public abstract TaskName Name { get; }

    /// <summary>The orchestration instance that scheduled the activity.</summary>
    public abstract string InstanceId { get; }

    /// <summary>The task id of the call in the orchestration's history.</summary>
    public abstract int TaskId { get; }

    /// <summary>Cancelled when the worker shuts down or the work item's lease is lost.</summary>
    public virtual CancellationToken CancellationToken => CancellationToken.None;

    /// <summary>
    /// A key that is the same for every delivery of this call (activities run at least once):
    /// pass it to external systems to make side effects idempotent.
    /// </summary>
    public string IdempotencyKey => $"{InstanceId}:{TaskId}";
}
