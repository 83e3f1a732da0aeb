namespace DurableAgents.Replay.Internal;

/// <summary>
/// Receives the history events that answer an action: a completion or failure of an activity or sub-orchestration,
/// or a fired timer. One handler may own several task ids (a call with retries owns its attempts and their waits).
/// Every method runs on the episode thread outside orchestrator code, so tasks it completes resume deterministically.
/// </summary>
internal abstract class OpenTaskHandler
{
    /// <summary>The activity or sub-orchestration <paramref name="taskId"/> returned <paramref name="result"/>.</summary>
    public virtual void OnCompleted(int taskId, string? result) =>
        throw new InvalidOperationException($"Task #{taskId} cannot complete with a result.");

    /// <summary>The activity or sub-orchestration <paramref name="taskId"/> failed.</summary>
    public virtual void OnFailed(int taskId, FailureDetails failure) =>
        throw new InvalidOperationException($"Task #{taskId} cannot fail.");

    /// <summary>The timer <paramref name="taskId"/> fired.</summary>
    public virtual void OnTimerFired(int taskId) =>
        throw new InvalidOperationException($"Task #{taskId} is not a timer.");
}
