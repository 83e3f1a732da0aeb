using System.Collections.Concurrent;

namespace DurableAgents.Workflows.Declarative.Refunds;

/// <summary>
/// The payment gateway RefundSaga's fake payment step talks to: it refuses the first <c>failures</c> payments of each
/// run and order, then pays. Counting here rather than in the workflow's data keeps the step an ordinary retried task,
/// the same in Step Functions, which re-sends the same input on every retry. One instance per process (a singleton),
/// so a count is forgotten as soon as the payment step can no longer come back: when it pays, or on its last attempt.
/// </summary>
public sealed class SimulatedPaymentGateway
{
    /// <summary>How many times the payment step runs at most: once plus its retrier's MaxAttempts.</summary>
    public const int MaxPaymentAttempts = 1 + IssueRefundActivity.MaxRetries;

    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);

    /// <summary>How many run and order pairs have a count kept (a payment still retrying).</summary>
    public int PaymentsInProgress => _attempts.Count;

    /// <summary>
    /// Counts one payment attempt of <paramref name="orderId"/> in run <paramref name="runId"/>; returns whether it is
    /// refused (one of the first <paramref name="failures"/>).
    /// </summary>
    public bool Refuses(string runId, string orderId, int failures)
    {
        string key = runId + "\n" + orderId;
        int attempt = _attempts.AddOrUpdate(key, 1, (_, count) => count + 1);
        bool refused = attempt <= failures;
        if (!refused || attempt >= MaxPaymentAttempts)
        {
            _attempts.TryRemove(key, out _);
        }

        return refused;
    }
}
