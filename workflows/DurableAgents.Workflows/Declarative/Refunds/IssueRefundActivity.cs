using System.Globalization;
using Microsoft.DurableTask;

namespace DurableAgents.Workflows.Declarative.Refunds;

/// <summary>
/// Pays the refund out (a deterministic fake): the <see cref="SimulatedPaymentGateway"/> refuses the first
/// <see cref="IssueRefundInput.GatewayFailures"/> attempts of the run with <see cref="PaymentGatewayException"/>.
/// Registered as "IssueRefund".
/// </summary>
[DurableTask(ActivityName)]
public sealed class IssueRefundActivity : TaskActivity<IssueRefundInput, IssuedRefund>
{
    /// <summary>The name the activity is registered and scheduled under.</summary>
    public const string ActivityName = "IssueRefund";

    /// <summary>How often RefundSaga retries a refused payment (its retrier's MaxAttempts).</summary>
    public const int MaxRetries = 2;

    private readonly SimulatedPaymentGateway _gateway;

    /// <summary>Creates the activity (normally by the worker, from the service provider).</summary>
    public IssueRefundActivity(SimulatedPaymentGateway gateway)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        _gateway = gateway;
    }

    /// <summary>The refund id of an order's refund.</summary>
    public static string RefundIdOf(string orderId) => "RFD-" + orderId;

    /// <inheritdoc/>
    public override Task<IssuedRefund> RunAsync(TaskActivityContext context, IssueRefundInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        if (_gateway.Refuses(context.InstanceId, input.OrderId, input.GatewayFailures))
        {
            throw new PaymentGatewayException(string.Create(
                CultureInfo.InvariantCulture, $"The payment gateway refused the refund of {input.Amount} for order {input.OrderId}."));
        }

        return Task.FromResult(new IssuedRefund(RefundIdOf(input.OrderId), input.Amount));
    }
}
