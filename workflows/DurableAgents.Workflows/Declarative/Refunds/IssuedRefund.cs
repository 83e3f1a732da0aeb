namespace DurableAgents.Workflows.Declarative.Refunds;

/// <summary>A refund paid out.</summary>
/// <param name="RefundId">"RFD-" and the order id.</param>
/// <param name="Amount">The amount paid out.</param>
public sealed record IssuedRefund(string RefundId, decimal Amount);
