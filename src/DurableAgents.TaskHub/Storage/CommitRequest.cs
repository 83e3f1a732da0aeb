namespace DurableAgents.TaskHub.Storage;

/// <summary>
/// One atomic unit of change: preconditions on instance rows plus the writes to apply when they all hold.
/// An orchestrator episode, a client's start or raise-event, an activity result or a purge is one request.
/// </summary>
/// <remarks>
/// <para>
/// Write order inside a request: <see cref="Purges"/>, <see cref="HistoryDeletes"/>,
/// <see cref="InstanceUpserts"/>, <see cref="HistoryAppends"/>, <see cref="InboxDeletes"/>,
/// <see cref="ActivityDeletes"/>, <see cref="InboxInserts"/>, <see cref="ActivityInserts"/>.
/// Deleting a row that does not exist is not an error (deletes are idempotent).
/// </para>
/// <para>
/// DynamoDB mapping: a request is one <c>TransactWriteItems</c> call whose condition checks are the
/// <see cref="Conditions"/> (folded into the instance upserts' condition expressions), and each upsert, append
/// row, insert or delete is one item; a transaction holds at most 100 items. A larger request (an episode that
/// fans out thousands of activities) is split so that nothing becomes visible before the final conditional
/// write: first the history rows are written as plain puts keyed by (instance, sequence) - they are invisible
/// until the instance row's <see cref="InstanceRecord.HistoryLength"/> covers them, and a retry overwrites
/// them with the same values; then activity and inbox rows tagged with the execution id and the episode's
/// first sequence number, which readers ignore until the instance row has committed past that sequence; then
/// the conditional instance update together with the consumed-inbox deletes as the last transaction. Rows left
/// by an attempt whose final transaction failed are unreachable and can be deleted lazily. Purges and
/// history deletes are idempotent queries-and-deletes that may run outside (after) the transaction.
/// </para>
/// </remarks>
public sealed class CommitRequest
{
    /// <summary>
    /// For an <see cref="ITaskHubPartitionedStore"/>: the committing engine's lease on the partition of the instance it
    /// runs. The request applies only while that partition's lease has exactly this owner and epoch; otherwise nothing is
    /// written and the outcome is <see cref="CommitOutcome.Fenced"/>. Null for requests that need no ownership (a client's
    /// start, raised event or purge) and on stores with one engine.
    /// </summary>
    public PartitionLease? Fence { get; init; }

    /// <summary>Preconditions; when one does not hold nothing in this request is written.</summary>
    public IReadOnlyList<InstanceCondition> Conditions { get; init; } = [];

    /// <summary>Instances to delete entirely: the row, all history rows, inbox messages and activity rows.</summary>
    public IReadOnlyList<string> Purges { get; init; } = [];

    /// <summary>Instances whose history rows (of every execution) are deleted, e.g. when a new execution replaces an old one.</summary>
    public IReadOnlyList<string> HistoryDeletes { get; init; } = [];

    /// <summary>Instance rows to insert or replace whole.</summary>
    public IReadOnlyList<InstanceRecord> InstanceUpserts { get; init; } = [];

    /// <summary>History rows to add.</summary>
    public IReadOnlyList<HistoryAppend> HistoryAppends { get; init; } = [];

    /// <summary>Inbox messages consumed or discarded, by <see cref="InboxMessage.MessageId"/>.</summary>
    public IReadOnlyList<long> InboxDeletes { get; init; } = [];

    /// <summary>Activity queue rows that got a result or were discarded.</summary>
    public IReadOnlyList<ActivityKey> ActivityDeletes { get; init; } = [];

    /// <summary>Inbox messages to add (for any instance).</summary>
    public IReadOnlyList<InboxMessage> InboxInserts { get; init; } = [];

    /// <summary>Activity queue rows to add.</summary>
    public IReadOnlyList<ActivityTask> ActivityInserts { get; init; } = [];

    /// <summary>The number of item writes this request makes (history rows counted one by one), for stores with per-transaction item limits.</summary>
    public int ItemCount
    {
        get
        {
            int count = Purges.Count + HistoryDeletes.Count + InstanceUpserts.Count + InboxDeletes.Count +
                ActivityDeletes.Count + InboxInserts.Count + ActivityInserts.Count;
            foreach (HistoryAppend append in HistoryAppends)
            {
                count += append.Events.Count;
            }

            return count;
        }
    }
}
