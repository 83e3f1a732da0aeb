using Microsoft.DurableTask;

namespace DurableAgents.Workflows.Declarative.Refunds;

/// <summary>Releases the funds <see cref="HoldRefundFundsActivity"/> set aside: its compensation. Registered as "ReleaseRefundFunds".</summary>
[DurableTask(ActivityName)]
public sealed class ReleaseRefundFundsActivity : TaskActivity<RefundFunds, RefundUndone>
{
    /// <summary>The name the activity is registered and scheduled under.</summary>
    public const string ActivityName = "ReleaseRefundFunds";

    /// <inheritdoc/>
    public override Task<RefundUndone> RunAsync(TaskActivityContext context, RefundFunds input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Task.FromResult(new RefundUndone(HoldRefundFundsActivity.HoldIdOf(input.OrderId)));
    }
}
