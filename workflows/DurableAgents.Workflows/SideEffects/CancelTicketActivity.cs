using DurableAgents.Activities;
using Microsoft.DurableTask;
namespace DurableAgents.Workflows.SideEffects;

/// <summary>Cancels a ticket: the compensation of CreateTicket. Idempotent: every delivery of one call records once (see <see cref="ISideEffectLedger"/>). Registered as "CancelTicket".</summary>
[DurableTask(ActivityName)]
public sealed class CancelTicketActivity : TaskActivity<CancelTicketInput, SideEffectReceipt>
{
    /// <summary>The name the activity is registered and scheduled under.</summary>
    public const string ActivityName = SideEffectOperations.CancelTicket;

    private readonly ISideEffectLedger _ledger;

    /// <summary>Creates the activity (normally by the worker, from the service provider).</summary>
    public CancelTicketActivity(ISideEffectLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        _ledger = ledger;
    }

    /// <inheritdoc/>
    public override async Task<SideEffectReceipt> RunAsync(TaskActivityContext context, CancelTicketInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        LedgerEntry entry = await _ledger.RecordOnceAsync(
            context.GetIdempotencyKey(), ActivityName, input.TicketId, input.Reason, context.GetCancellationToken()).ConfigureAwait(false);
        return SideEffectReceipt.From(entry);
    }
}
