using DurableAgents.Approvals;

namespace DurableAgents.Management.Approvals;

/// <summary>
/// Serialises answers per instance and approval name inside this process, and remembers which waits were already
/// answered until the instance's custom status stops showing them: between raising the answer and the orchestration
/// consuming it, the status still says "waiting", and only this memory stops a second answer from being sent.
/// </summary>
internal sealed class ApprovalAnswerLedger
{
    private readonly KeyedAsyncLock _locks = new();
    private readonly Dictionary<string, AnsweredWait> _answered = new(StringComparer.Ordinal);

    /// <summary>Holds the per-(instance, approval) lock until disposed.</summary>
    public Task<IAsyncDisposable> LockAsync(string instanceId, string approvalName, CancellationToken cancellation) =>
        _locks.AcquireAsync(Key(instanceId, approvalName), cancellation);

    /// <summary>The answer already sent for exactly this wait (same approval, same start time), if any.</summary>
    public AnsweredWait? FindAnswer(string instanceId, ApprovalWait wait)
    {
        lock (_answered)
        {
            return _answered.TryGetValue(Key(instanceId, wait.Name), out AnsweredWait? answered) && answered.Since == wait.Since
                ? answered
                : null;
        }
    }

    public void RecordAnswer(string instanceId, ApprovalWait wait, ApprovalDecision decision)
    {
        lock (_answered)
        {
            _answered[Key(instanceId, wait.Name)] = new AnsweredWait(wait.Since, decision);
        }
    }

    /// <summary>Forgets the answer for an approval whose wait the instance no longer shows.</summary>
    public void Forget(string instanceId, string approvalName)
    {
        lock (_answered)
        {
            _answered.Remove(Key(instanceId, approvalName));
        }
    }

    /// <summary>Forgets every answer whose wait is not among <paramref name="currentWaits"/> (a complete listing).</summary>
    public void ForgetAllExcept(IEnumerable<(string InstanceId, ApprovalWait Wait)> currentWaits)
    {
        var keep = currentWaits.ToDictionary(w => Key(w.InstanceId, w.Wait.Name), w => w.Wait.Since, StringComparer.Ordinal);
        lock (_answered)
        {
            foreach (KeyValuePair<string, AnsweredWait> entry in _answered.ToList())
            {
                if (!keep.TryGetValue(entry.Key, out DateTime since) || since != entry.Value.Since)
                {
                    _answered.Remove(entry.Key);
                }
            }
        }
    }

    /// <summary>Number of remembered answers (for tests and diagnostics).</summary>
    public int Count
    {
        get
        {
            lock (_answered)
            {
                return _answered.Count;
            }
        }
    }

    // Instance ids and names never contain control characters (validated), so '\n' cannot be forged into a key.
    private static string Key(string instanceId, string approvalName) => instanceId + "\n" + approvalName;
}

/// <summary>An answer sent for the wait that began at <paramref name="Since"/>.</summary>
internal sealed record AnsweredWait(DateTime Since, ApprovalDecision Decision);
