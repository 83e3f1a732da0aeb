using DurableAgents.Activities;
using Microsoft.DurableTask;
namespace DurableAgents.Workflows.SideEffects;

/// <summary>Publishes a report to a channel (report id derived from the idempotency key). Idempotent: every delivery of one call records once (see <see cref="ISideEffectLedger"/>). Registered as "PublishReport".</summary>
[DurableTask(ActivityName)]
public sealed class PublishReportActivity : TaskActivity<PublishReportInput, SideEffectReceipt>
{
    /// <summary>The name the activity is registered and scheduled under.</summary>
    public const string ActivityName = SideEffectOperations.PublishReport;

    private readonly ISideEffectLedger _ledger;

    /// <summary>Creates the activity (normally by the worker, from the service provider).</summary>
    public PublishReportActivity(ISideEffectLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        _ledger = ledger;
    }

    /// <inheritdoc/>
    public override async Task<SideEffectReceipt> RunAsync(TaskActivityContext context, PublishReportInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        LedgerEntry entry = await _ledger.RecordOnceAsync(
            context.GetIdempotencyKey(), ActivityName, SideEffectIds.From("RPT", context.GetIdempotencyKey()), $"{input.Channel}: {input.Title}", context.GetCancellationToken()).ConfigureAwait(false);
        return SideEffectReceipt.From(entry);
    }
}
