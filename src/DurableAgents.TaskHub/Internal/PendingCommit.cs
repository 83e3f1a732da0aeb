using DurableAgents.TaskHub.Storage;

namespace DurableAgents.TaskHub.Internal;

/// <summary>A commit request waiting for the writer loop, with what to do in memory once the store has answered.</summary>
internal sealed class PendingCommit(CommitRequest request, Action<CommitOutcome>? onApplied, Action<Exception>? onFailed, bool isBarrier = false)
{
    public CommitRequest Request { get; } = request;

    /// <summary>
    /// A marker, not a commit: the writer loop completes it once every request queued before it has been committed and
    /// applied (the loop commits in queue order).
    /// </summary>
    public bool IsBarrier { get; } = isBarrier;

    /// <summary>Runs under the engine lock after the batch is durable, in batch order.</summary>
    public Action<CommitOutcome>? OnApplied { get; } = onApplied;

    /// <summary>Runs under the engine lock when the store threw for the batch.</summary>
    public Action<Exception>? OnFailed { get; } = onFailed;

    public TaskCompletionSource<CommitOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}
