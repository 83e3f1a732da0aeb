namespace DurableAgents.Replay.Internal;

/// <summary>A durable timer as the code awaits it; cancelling it completes the task as cancelled and ignores a later TimerFired.</summary>
internal sealed class DurableTimer : OpenTaskHandler, ICancellableWait
{
    private readonly OrchestrationReplayer _replayer;
    private readonly TaskCompletionSource _completion = new();
    private readonly CancellationToken _cancellationToken;
    private CancellationTokenRegistration _registration;
    private bool _finished;

    public DurableTimer(OrchestrationReplayer replayer, CancellationToken cancellationToken)
    {
        _replayer = replayer;
        _cancellationToken = cancellationToken;
        replayer.BeginDurableWait();
        if (cancellationToken.CanBeCanceled)
        {
            // The callback runs inside orchestrator code (where Cancel was called); the task is completed later,
            // from the scheduler's plain context, so continuations never leave the episode thread.
            _registration = cancellationToken.UnsafeRegister(
                static state => ((DurableTimer)state!)._replayer.Post(static s => ((DurableTimer)s!).Cancel(), state),
                this);
            replayer.TrackCancellableWait(this);
        }
    }

    public bool IsFinished => _finished;

    public bool HasUnobservedCancellation => !_finished && _cancellationToken.IsCancellationRequested;

    /// <summary>The task the orchestrator code awaits.</summary>
    public Task Task => _completion.Task;

    public override void OnTimerFired(int taskId)
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        _registration.Dispose();
        _replayer.EndDurableWait();
        _completion.SetResult();
    }

    private void Cancel()
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        _replayer.EndDurableWait();
        _completion.SetCanceled(_cancellationToken);
    }
}
