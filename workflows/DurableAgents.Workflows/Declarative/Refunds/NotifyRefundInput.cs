namespace DurableAgents.Workflows.Declarative.Refunds;

/// <summary>The input of the notification step.</summary>
/// <param name="OrderId">The order refunded.</param>
/// <param name="RefundId">The refund paid out.</param>
/// <param name="CustomerUnreachable">Whether the notification fails.</param>
public sealed record NotifyRefundInput(string OrderId, string RefundId, bool CustomerUnreachable);
