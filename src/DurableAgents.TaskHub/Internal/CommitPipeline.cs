using System.Threading.Channels;
using DurableAgents.TaskHub.Storage;
using Microsoft.Extensions.Logging;

namespace DurableAgents.TaskHub.Internal;

/// <summary>
/// Group commit: one writer loop drains every waiting request, commits them with one store call (one sync),
/// applies their in-memory effects in order under the engine lock, then completes every caller.
/// Idle, a request costs one commit; under load one commit covers many.
/// </summary>
internal sealed class CommitPipeline
{
    private readonly Channel<PendingCommit> _channel = Channel.CreateUnbounded<PendingCommit>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

    private readonly ITaskHubStore _store;
    private readonly object _gate;
    private readonly int _maxBatch;
    private readonly Action _afterBatch;
    private readonly Action<int>? _batchCommitted;
    private readonly ILogger _logger;
    private Task _loop = Task.CompletedTask;
    private long _storeCommits;
    private long _requests;
    private long _pending;

    public CommitPipeline(ITaskHubStore store, object gate, int maxBatch, Action afterBatch, ILogger logger, Action<int>? batchCommitted = null)
    {
        _store = store;
        _gate = gate;
        _maxBatch = maxBatch;
        _afterBatch = afterBatch;
        _batchCommitted = batchCommitted;
        _logger = logger;
    }

    /// <summary>Store commit calls made so far.</summary>
    public long StoreCommits => Interlocked.Read(ref _storeCommits);

    /// <summary>Requests committed so far.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>
    /// Requests submitted and not yet applied. Drops under the engine lock, just before the batch's after-batch step,
    /// so a reader holding that lock sees a commit either pending or fully applied.
    /// </summary>
    public long Pending => Interlocked.Read(ref _pending);

    public void Start() => _loop = Task.Run(RunAsync);

    public Task<CommitOutcome> SubmitAsync(CommitRequest request, Action<CommitOutcome>? onApplied = null, Action<Exception>? onFailed = null)
    {
        var pending = new PendingCommit(request, onApplied, onFailed);
        Interlocked.Increment(ref _pending);
        if (!_channel.Writer.TryWrite(pending))
        {
            Interlocked.Decrement(ref _pending);
            throw new TaskHubNotRunningException("stopped");
        }

        return pending.Completion.Task;
    }

    /// <summary>
    /// Completes once every request submitted before this call has been committed and applied (or failed). Once the
    /// pipeline stopped taking requests, that is when the writer loop has drained.
    /// </summary>
    public Task WhenSubmittedAppliedAsync()
    {
        var barrier = new PendingCommit(new CommitRequest(), onApplied: null, onFailed: null, isBarrier: true);
        return _channel.Writer.TryWrite(barrier) ? barrier.Completion.Task : _loop;
    }

    /// <summary>Stops taking requests and waits until every accepted one is committed.</summary>
    public Task StopAsync()
    {
        _channel.Writer.TryComplete();
        return _loop;
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingCommit>(_maxBatch);
        var requests = new List<CommitRequest>(_maxBatch);
        var barriers = new List<PendingCommit>();
        ChannelReader<PendingCommit> reader = _channel.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            requests.Clear();
            barriers.Clear();
            while (batch.Count < _maxBatch && reader.TryRead(out PendingCommit? pending))
            {
                if (pending.IsBarrier)
                {
                    // Everything queued before the marker is in this batch or an earlier one.
                    barriers.Add(pending);
                    continue;
                }

                batch.Add(pending);
                requests.Add(pending.Request);
            }

            if (batch.Count > 0)
            {
                await CommitBatchAsync(batch, requests).ConfigureAwait(false);
            }

            foreach (PendingCommit barrier in barriers)
            {
                barrier.Completion.TrySetResult(CommitOutcome.Success);
            }
        }
    }

    private async Task CommitBatchAsync(List<PendingCommit> batch, List<CommitRequest> requests)
    {
        IReadOnlyList<CommitOutcome> outcomes;
        try
        {
            // The store call must finish even while the engine stops: a commit cut in half is what we never do.
            outcomes = await _store.CommitAsync(requests, CancellationToken.None).ConfigureAwait(false);
            if (outcomes.Count != batch.Count)
            {
                throw new InvalidOperationException($"The store returned {outcomes.Count} outcomes for {batch.Count} commit requests.");
            }
        }
#pragma warning disable CA1031 // Any store failure is handed to every caller of the batch; the loop must survive it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logs.CommitFailed(_logger, batch.Count, ex);
            lock (_gate)
            {
                foreach (PendingCommit pending in batch)
                {
                    Run(pending.OnFailed, ex);
                }

                Interlocked.Add(ref _pending, -batch.Count);
                RunAfterBatch();
            }

            foreach (PendingCommit pending in batch)
            {
                pending.Completion.TrySetException(ex);
            }

            return;
        }

        Interlocked.Increment(ref _storeCommits);
        Interlocked.Add(ref _requests, batch.Count);
        _batchCommitted?.Invoke(batch.Count);
        lock (_gate)
        {
            for (int i = 0; i < batch.Count; i++)
            {
                Run(batch[i].OnApplied, outcomes[i]);
            }

            Interlocked.Add(ref _pending, -batch.Count);
            RunAfterBatch();
        }

        for (int i = 0; i < batch.Count; i++)
        {
            batch[i].Completion.TrySetResult(outcomes[i]);
        }
    }

    private void Run<T>(Action<T>? action, T argument)
    {
        if (action is null)
        {
            return;
        }

        try
        {
            action(argument);
        }
#pragma warning disable CA1031 // A fault in one caller's in-memory update must not stop the writer loop for everyone.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logs.ApplyFailed(_logger, ex);
        }
    }

    private void RunAfterBatch()
    {
        try
        {
            _afterBatch();
        }
#pragma warning disable CA1031 // See Run.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Logs.ApplyFailed(_logger, ex);
        }
    }
}
