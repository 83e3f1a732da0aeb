using Microsoft.DurableTask;

namespace DurableAgents.Workflows.Declarative.Refunds;

/// <summary>Takes back a refund <see cref="IssueRefundActivity"/> paid out: its compensation. Registered as "ReverseRefund".</summary>
[DurableTask(ActivityName)]
public sealed class ReverseRefundActivity : TaskActivity<IssueRefundInput, RefundUndone>
{
    /// <summary>The name the activity is registered and scheduled under.</summary>
    public const string ActivityName = "ReverseRefund";

    /// <inheritdoc/>
    public override Task<RefundUndone> RunAsync(TaskActivityContext context, IssueRefundInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return Task.FromResult(new RefundUndone(IssueRefundActivity.RefundIdOf(input.OrderId)));
    }
}
