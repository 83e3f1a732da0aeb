using Microsoft.DurableTask;

namespace DurableAgents.Workflows.Declarative.Refunds;

/// <summary>
/// Tells the customer the refund was paid (a deterministic fake); fails with <see cref="CustomerUnreachableException"/>
/// when the request simulates an unreachable customer. Registered as "NotifyRefund".
/// </summary>
[DurableTask(ActivityName)]
public sealed class NotifyRefundActivity : TaskActivity<NotifyRefundInput, RefundNotification>
{
    /// <summary>The name the activity is registered and scheduled under.</summary>
    public const string ActivityName = "NotifyRefund";

    /// <inheritdoc/>
    public override Task<RefundNotification> RunAsync(TaskActivityContext context, NotifyRefundInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input.CustomerUnreachable
            ? throw new CustomerUnreachableException($"The customer of order {input.OrderId} could not be told about refund {input.RefundId}.")
            : Task.FromResult(new RefundNotification(true, "email"));
    }
}
