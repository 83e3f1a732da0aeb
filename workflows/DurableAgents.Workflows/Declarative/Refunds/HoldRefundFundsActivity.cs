using Microsoft.DurableTask;

namespace DurableAgents.Workflows.Declarative.Refunds;

/// <summary>Sets the refund's funds aside (a deterministic fake: the hold id is derived from the order). Registered as "HoldRefundFunds".</summary>
[DurableTask(ActivityName)]
public sealed class HoldRefundFundsActivity : TaskActivity<RefundFunds, RefundHold>
{
    /// <summary>The name the activity is registered and scheduled under.</summary>
    public const string ActivityName = "HoldRefundFunds";

    /// <summary>The hold id of an order's refund.</summary>
    public static string HoldIdOf(string orderId) => "HLD-" + orderId;

    /// <inheritdoc/>
    public override Task<RefundHold> RunAsync(TaskActivityContext context, RefundFunds input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Task.FromResult(new RefundHold(HoldIdOf(input.OrderId), input.Amount));
    }
}
