namespace DurableAgents.Workflows.Declarative.Refunds;

/// <summary>The input of RefundSaga: the order, the amount to refund, and optional failures to simulate.</summary>
/// <param name="OrderId">The order refunded.</param>
/// <param name="Amount">The amount to refund (more than 0, at most <see cref="ValidateRefundActivity.MaximumAmount"/>).</param>
/// <param name="Simulate">Failures the fake payment and notification steps play out, for trying the error paths.</param>
public sealed record RefundRequest(string? OrderId, decimal Amount, RefundSimulation? Simulate = null);
