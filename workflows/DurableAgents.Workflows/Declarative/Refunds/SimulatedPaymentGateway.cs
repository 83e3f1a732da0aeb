using System.Collections.Concurrent;

namespace DurableAgents.Workflows.Declarative.Refunds;

/// <summary>
/// The payment gateway RefundSaga's fake payment step talks to: it refuses the first <c>failures</c> payments of each
/// run and order, then pays. Counting here rather than in the workflow's data keeps the step an ordinary retried task,
/// the same in Step Functions, which re-sends the same input on every retry. One instance per process (a singleton).
/// </summary>
public sealed class SimulatedPaymentGateway
{
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);

    /// <summary>
    /// Counts one payment attempt of <paramref name="orderId"/> in run <paramref name="runId"/>; returns whether it is
    /// refused (one of the first <paramref name="failures"/>).
    /// </summary>
    public bool Refuses(string runId, string orderId, int failures)
    {
        int attempt = _attempts.AddOrUpdate(runId + "\n" + orderId, 1, (_, count) => count + 1);
        return attempt <= failures;
    }
}
