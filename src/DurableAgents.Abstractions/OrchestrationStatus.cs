namespace DurableAgents;

/// <summary>Runtime status of an orchestration instance; values match the durabletask protocol.</summary>
public enum OrchestrationStatus
{
    /// <summary>Started and not yet finished.</summary>
    Running = 0,
    /// <summary>Finished with an output.</summary>
    Completed = 1,
    /// <summary>Restarted itself with new input; a new generation is running.</summary>
    ContinuedAsNew = 2,
    /// <summary>Finished because of an unhandled failure.</summary>
    Failed = 3,
    /// <summary>Canceled (reserved by the protocol).</summary>
    Canceled = 4,
    /// <summary>Stopped by a terminate request.</summary>
    Terminated = 5,
    /// <summary>Created, waiting for its first episode or scheduled start time.</summary>
    Pending = 6,
    /// <summary>Paused by a suspend request; events are kept until it resumes.</summary>
    Suspended = 7,
}
