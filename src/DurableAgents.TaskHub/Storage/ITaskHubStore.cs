using DurableAgents.History;

namespace DurableAgents.TaskHub.Storage;

/// <summary>
/// The durable state of a task hub: instance rows, append-only history, inboxes and the activity queue.
/// </summary>
/// <remarks>
/// <para>
/// The engine is the only writer of a store and keeps what it needs for dispatch in memory, so the store is
/// read on start-up (<see cref="LoadRecoveryStateAsync"/>), for clients' reads, for history that is not held
/// in memory, and to reload one instance row after a commit condition on it failed. Everything the engine changes goes through <see cref="CommitAsync"/>, which the
/// engine calls from one writer loop with every request that is waiting (group commit).
/// </para>
/// <para>
/// The interface is shaped so it can be implemented on a key-value store with conditional writes and small
/// transactions (DynamoDB): every <see cref="CommitRequest"/> names its preconditions per instance row and
/// each write is a put or delete of one item. See <see cref="CommitRequest"/> for how a request larger than a
/// transaction's item limit is split.
/// </para>
/// <para>Implementations must be safe for concurrent reads while a commit is running.</para>
/// </remarks>
public interface ITaskHubStore : IAsyncDisposable
{
    /// <summary>Creates or migrates the schema. The engine calls it once, before any other member.</summary>
    Task InitializeAsync(CancellationToken cancellation);

    /// <summary>Reads one instance row, or null when there is none.</summary>
    /// <param name="instanceId">The instance id.</param>
    /// <param name="includePayloads">When false the store may leave Input, Output and CustomStatus null.</param>
    /// <param name="cancellation">Cancels the read.</param>
    Task<InstanceRecord?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellation);

    /// <summary>
    /// Reads the history rows of one execution of an instance, ordered by sequence number (from 0).
    /// Rows written for another execution id are not returned.
    /// </summary>
    Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, string executionId, CancellationToken cancellation);

    /// <summary>Reads one page of instance rows matching <paramref name="query"/>.</summary>
    Task<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellation);

    /// <summary>
    /// Reads everything the engine needs to resume after a start or a crash: every instance that is not in a
    /// terminal status, every inbox message (including future timers) and every activity queue row.
    /// </summary>
    Task<RecoveryState> LoadRecoveryStateAsync(CancellationToken cancellation);

    /// <summary>
    /// Applies a batch of independent atomic requests and returns one outcome per request, in order.
    /// </summary>
    /// <remarks>
    /// Each request is all-or-nothing: when one of its <see cref="CommitRequest.Conditions"/> does not hold,
    /// none of its writes are applied and its outcome is <see cref="CommitOutcome.ConditionFailed"/>, while the
    /// other requests of the batch still apply. A store should make the whole batch durable with one sync
    /// (e.g. one SQLite transaction in which each request checks all its conditions before it writes). Within
    /// a request the store applies, in this order: purges, history deletes, the instance upsert, history
    /// appends, inbox and activity deletes, inbox and activity inserts. Requests of a batch are applied in list order, so a later request sees the
    /// writes of an earlier one.
    /// An exception means the store could not tell what was applied; the engine then fails every caller of
    /// the batch and reloads nothing (it only changes its memory after a successful commit).
    /// <para>
    /// A request the store can never write (one over its size limits: an item too large, more items than it can
    /// make visible at once) is not an exception: its outcome is <see cref="CommitOutcome.Refused"/> with a message that
    /// says which limit was passed and what to change, nothing of it is written, and the other requests of the batch
    /// apply as usual. The store decides this for every request of the batch before its first write. The engine answers
    /// a refused episode by failing the orchestration, a refused activity result by failing the activity, and a refused
    /// client request by throwing <see cref="CommitRefusedException"/> to the caller. A store without such limits (SQLite)
    /// never refuses.
    /// </para>
    /// </remarks>
    Task<IReadOnlyList<CommitOutcome>> CommitAsync(IReadOnlyList<CommitRequest> batch, CancellationToken cancellation);
}
