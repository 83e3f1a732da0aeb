namespace DurableAgents.Workflows.SideEffects;

/// <summary>
/// Where the shipped side-effect activities record what they did, keyed by the activity's idempotency key
/// (<see cref="TaskActivityContext.IdempotencyKey"/>, the same for every delivery of one scheduled call). Activities
/// run at least once: a worker can crash after the effect but before its completion is recorded, and the call is
/// delivered again. Recording once per key makes the second delivery return the first one's entry instead of
/// making a second ticket or publication. A real integration passes the same key to the external system (for
/// example as an Idempotency-Key header).
/// </summary>
public interface ISideEffectLedger
{
    /// <summary>
    /// Records <paramref name="operation"/> on <paramref name="subject"/> unless <paramref name="idempotencyKey"/> was
    /// recorded before, and returns the entry for the key (the earlier one when there is one).
    /// </summary>
    /// <exception cref="InvalidOperationException">The key was recorded for a different operation.</exception>
    Task<LedgerEntry> RecordOnceAsync(
        string idempotencyKey, string operation, string subject, string? details = null, CancellationToken cancellationToken = default);

    /// <summary>Every entry, oldest first.</summary>
    Task<IReadOnlyList<LedgerEntry>> GetEntriesAsync(CancellationToken cancellationToken = default);
}
