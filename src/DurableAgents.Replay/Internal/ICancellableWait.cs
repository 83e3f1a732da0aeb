namespace DurableAgents.Replay.Internal;

/// <summary>A timer or event wait that a cancellation token can end.</summary>
internal interface ICancellableWait
{
    /// <summary>True when the token was cancelled but the cancellation has not reached this wait on the episode thread.</summary>
    bool HasUnobservedCancellation { get; }

    /// <summary>True once the wait ended (answered or cancelled).</summary>
    bool IsFinished { get; }
}
