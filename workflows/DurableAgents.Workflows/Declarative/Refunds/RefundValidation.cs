namespace DurableAgents.Workflows.Declarative.Refunds;

/// <summary>A valid refund request, with the simulation knobs made explicit (0 and false when not given).</summary>
/// <param name="OrderId">The order refunded.</param>
/// <param name="Amount">The amount to refund.</param>
/// <param name="NeedsApproval">Whether the amount is above the approval threshold.</param>
/// <param name="GatewayFailures">Payment attempts that fail before one succeeds.</param>
/// <param name="CustomerUnreachable">Whether notifying the customer fails.</param>
public sealed record RefundValidation(string OrderId, decimal Amount, bool NeedsApproval, int GatewayFailures, bool CustomerUnreachable);
