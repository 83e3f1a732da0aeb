using DurableAgents.Activities;
using Microsoft.DurableTask;
namespace DurableAgents.Workflows.SideEffects;

/// <summary>Withdraws a published report: the compensation of PublishReport. Idempotent: every delivery of one call records once (see <see cref="ISideEffectLedger"/>). Registered as "UnpublishReport".</summary>
[DurableTask(ActivityName)]
public sealed class UnpublishReportActivity : TaskActivity<UnpublishReportInput, SideEffectReceipt>
{
    /// <summary>The name the activity is registered and scheduled under.</summary>
    public const string ActivityName = SideEffectOperations.UnpublishReport;

    private readonly ISideEffectLedger _ledger;

    /// <summary>Creates the activity (normally by the worker, from the service provider).</summary>
    public UnpublishReportActivity(ISideEffectLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        _ledger = ledger;
    }

    /// <inheritdoc/>
    public override async Task<SideEffectReceipt> RunAsync(TaskActivityContext context, UnpublishReportInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        LedgerEntry entry = await _ledger.RecordOnceAsync(
            context.GetIdempotencyKey(), ActivityName, input.ReportId, $"withdrawn from {input.Channel}", context.GetCancellationToken()).ConfigureAwait(false);
        return SideEffectReceipt.From(entry);
    }
}
