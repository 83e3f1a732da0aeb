using DurableAgents.TaskHub.Storage;

namespace DurableAgents.TaskHub.Internal;

/// <summary>What the engine keeps in memory for an active (non-terminal) instance. Guarded by the engine's lock.</summary>
internal sealed class InstanceState(InstanceRecord record)
{
    public InstanceRecord Record { get; set; } = record;

    public string InstanceId => Record.InstanceId;

    /// <summary>Messages not yet consumed, including future ones (timers), in arrival order.</summary>
    public SortedDictionary<long, InboxMessage> Inbox { get; } = [];

    /// <summary>Activity queue rows of this instance that have no result yet.</summary>
    public HashSet<ActivityKey> Activities { get; } = [];

    /// <summary>The current execution's history when it is held in memory; null when only the store has it.</summary>
    public HistoryLog? History { get; set; }

    /// <summary>An episode or an engine-side change is in flight; nothing else may start for this instance.</summary>
    public bool Busy { get; set; }

    /// <summary>Removed from the active set (terminal or purged).</summary>
    public bool Removed { get; set; }

    /// <summary>The earliest wake-up already scheduled for a future message of this instance.</summary>
    public DateTime? NextWakeAt { get; set; }

    public bool QueuedReady { get; set; }

    /// <summary>When the instance's pending work became ready for a worker; null while it has none or a worker runs it.</summary>
    public DateTime? ReadySince { get; set; }

    /// <summary>The engine has logged that this wait has no connected worker for the instance's orchestrator.</summary>
    public bool WorkerWaitReported { get; set; }

    public bool QueuedControl { get; set; }

    /// <summary>The connection that ran the last episode and may hold its replay state.</summary>
    public WorkerConnection? CacheOwner { get; set; }

    public string? CacheExecutionId { get; set; }

    public int CacheHistoryLength { get; set; }

    /// <summary>
    /// On a shared store: ids of children whose start was refused because another engine runs an active instance with
    /// the id; the next episode reports the call as failed instead of trying again. Kept here so it goes with the instance.
    /// </summary>
    public HashSet<string>? RefusedChildStarts { get; set; }
}
