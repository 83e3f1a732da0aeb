using System.Globalization;
using Microsoft.DurableTask;

namespace DurableAgents.Workflows.Declarative.Refunds;

/// <summary>
/// Pays the refund out (a deterministic fake). Attempts before <see cref="IssueRefundInput.GatewayFailures"/> fail with
/// <see cref="PaymentGatewayException"/>, so the attempt number the state passes decides, the same on every executor.
/// Registered as "IssueRefund".
/// </summary>
[DurableTask(ActivityName)]
public sealed class IssueRefundActivity : TaskActivity<IssueRefundInput, IssuedRefund>
{
    /// <summary>The name the activity is registered and scheduled under.</summary>
    public const string ActivityName = "IssueRefund";

    /// <summary>The refund id of an order's refund.</summary>
    public static string RefundIdOf(string orderId) => "RFD-" + orderId;

    /// <inheritdoc/>
    public override Task<IssuedRefund> RunAsync(TaskActivityContext context, IssueRefundInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.Attempt < input.GatewayFailures)
        {
            throw new PaymentGatewayException(string.Create(
                CultureInfo.InvariantCulture, $"The payment gateway refused the refund of order {input.OrderId} (attempt {input.Attempt + 1})."));
        }

        return Task.FromResult(new IssuedRefund(RefundIdOf(input.OrderId), input.Amount));
    }
}
