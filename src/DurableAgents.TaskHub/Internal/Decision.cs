namespace DurableAgents.TaskHub.Internal;

/// <summary>What an instance with deliverable inbox messages needs next.</summary>
internal enum Decision
{
    /// <summary>Nothing can happen now (busy, suspended, not started yet, or no visible message).</summary>
    None,

    /// <summary>Run an orchestrator episode on a worker.</summary>
    Dispatch,

    /// <summary>Terminate the instance in the engine (no worker needed).</summary>
    Terminate,

    /// <summary>Mark the instance Suspended; its messages stay until it resumes.</summary>
    Suspend,

    /// <summary>Mark a suspended instance Running again, then dispatch the held messages.</summary>
    Resume,
}
