using DurableAgents.History;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.TaskHub.Tests.Engine.Infrastructure;

/// <summary>Passes every call to the real store, counting commits and reads, and can hold the first commit until released.</summary>
internal sealed class CountingStore(ITaskHubStore inner) : ITaskHubStore
{
    private int _commitCalls;
    private int _requests;
    private int _historyReads;
    private int _instanceReads;
    private readonly List<int> _batchSizes = [];

    public int CommitCalls => Volatile.Read(ref _commitCalls);

    /// <summary>The number of requests of each commit call, in call order.</summary>
    public IReadOnlyList<int> BatchSizes
    {
        get
        {
            lock (_batchSizes)
            {
                return [.. _batchSizes];
            }
        }
    }

    public int Requests => Volatile.Read(ref _requests);

    public int HistoryReads => Volatile.Read(ref _historyReads);

    public int InstanceReads => Volatile.Read(ref _instanceReads);

    /// <summary>When set, the next commit waits until this task completes.</summary>
    public Task? HoldNextCommit { get; set; }

    /// <summary>Completes when a held commit has started waiting.</summary>
    public TaskCompletionSource CommitHeld { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task InitializeAsync(CancellationToken cancellation) => inner.InitializeAsync(cancellation);

    public Task<InstanceRecord?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellation)
    {
        Interlocked.Increment(ref _instanceReads);
        return inner.GetInstanceAsync(instanceId, includePayloads, cancellation);
    }

    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, string executionId, CancellationToken cancellation)
    {
        Interlocked.Increment(ref _historyReads);
        return inner.GetHistoryAsync(instanceId, executionId, cancellation);
    }

    public Task<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellation) => inner.QueryInstancesAsync(query, cancellation);

    public Task<RecoveryState> LoadRecoveryStateAsync(CancellationToken cancellation) => inner.LoadRecoveryStateAsync(cancellation);

    public async Task<IReadOnlyList<CommitOutcome>> CommitAsync(IReadOnlyList<CommitRequest> batch, CancellationToken cancellation)
    {
        Task? hold = HoldNextCommit;
        if (hold is not null)
        {
            HoldNextCommit = null;
            CommitHeld.TrySetResult();
            await hold;
        }

        Interlocked.Increment(ref _commitCalls);
        Interlocked.Add(ref _requests, batch.Count);
        lock (_batchSizes)
        {
            _batchSizes.Add(batch.Count);
        }

        return await inner.CommitAsync(batch, cancellation);
    }

    public ValueTask DisposeAsync() => inner.DisposeAsync();
}
