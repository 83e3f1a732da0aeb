namespace DurableAgents.Replay.Internal;

/// <summary>A typed external event wait; the payload is converted when the event is delivered.</summary>
internal sealed class EventWaiter<T> : EventWaiter, ICancellableWait
{
    private readonly OrchestrationReplayer _replayer;
    private readonly TaskCompletionSource<T> _completion = new();
    private readonly CancellationToken _cancellationToken;
    private CancellationTokenRegistration _registration;

    public EventWaiter(OrchestrationReplayer replayer, CancellationToken cancellationToken)
    {
        _replayer = replayer;
        _cancellationToken = cancellationToken;
        replayer.BeginDurableWait();
        if (cancellationToken.CanBeCanceled)
        {
            _registration = cancellationToken.UnsafeRegister(
                static state => ((EventWaiter<T>)state!)._replayer.Post(static s => ((EventWaiter<T>)s!).Cancel(), state),
                this);
            replayer.TrackCancellableWait(this);
        }
    }

    public bool HasUnobservedCancellation => !IsFinished && _cancellationToken.IsCancellationRequested;

    /// <summary>The task the orchestrator code awaits.</summary>
    public Task<T> Task => _completion.Task;

    public override void Deliver(string? payload)
    {
        IsFinished = true;
        _registration.Dispose();
        _replayer.EndDurableWait();
        T value;
        try
        {
            value = _replayer.Deserialize<T>(payload);
        }
        catch (Exception ex)
        {
            _completion.SetException(ex);
            return;
        }

        _completion.SetResult(value);
    }

    private void Cancel()
    {
        if (IsFinished)
        {
            return;
        }

        IsFinished = true;
        _replayer.EndDurableWait();
        _completion.SetCanceled(_cancellationToken);
    }
}
