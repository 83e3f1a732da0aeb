using System.Globalization;
using Microsoft.DurableTask;

namespace DurableAgents.Workflows.Declarative.Refunds;

/// <summary>
/// Checks a refund request and makes its simulation knobs explicit. Fails with <see cref="InvalidRefundException"/>
/// when the order id is missing or the amount is not in (0, <see cref="MaximumAmount"/>]. Registered as "ValidateRefund".
/// </summary>
[DurableTask(ActivityName)]
public sealed class ValidateRefundActivity : TaskActivity<RefundRequest, RefundValidation>
{
    /// <summary>The name the activity is registered and scheduled under.</summary>
    public const string ActivityName = "ValidateRefund";

    /// <summary>The largest refund the saga handles.</summary>
    public const decimal MaximumAmount = 10_000m;

    /// <inheritdoc/>
    public override Task<RefundValidation> RunAsync(TaskActivityContext context, RefundRequest input)
    {
        if (input is null || string.IsNullOrWhiteSpace(input.OrderId))
        {
            throw new InvalidRefundException("The refund request needs an orderId.");
        }

        if (input.Amount <= 0 || input.Amount > MaximumAmount)
        {
            throw new InvalidRefundException(string.Create(
                CultureInfo.InvariantCulture, $"The amount {input.Amount} of order {input.OrderId} must be more than 0 and at most {MaximumAmount}."));
        }

        RefundSimulation simulate = input.Simulate ?? new RefundSimulation();
        bool needsApproval = input.Amount > (decimal)ShippedDeclarativeWorkflows.RefundApprovalThreshold;
        return Task.FromResult(new RefundValidation(input.OrderId, input.Amount, needsApproval, simulate.GatewayFailures, simulate.CustomerUnreachable));
    }
}
