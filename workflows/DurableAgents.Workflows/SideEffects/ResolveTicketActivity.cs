using DurableAgents.Activities;
using Microsoft.DurableTask;
namespace DurableAgents.Workflows.SideEffects;

/// <summary>Resolves a ticket with an answer. Idempotent: every delivery of one call records once (see <see cref="ISideEffectLedger"/>). Registered as "ResolveTicket".</summary>
[DurableTask(ActivityName)]
public sealed class ResolveTicketActivity : TaskActivity<ResolveTicketInput, SideEffectReceipt>
{
    /// <summary>The name the activity is registered and scheduled under.</summary>
    public const string ActivityName = SideEffectOperations.ResolveTicket;

    private readonly ISideEffectLedger _ledger;

    /// <summary>Creates the activity (normally by the worker, from the service provider).</summary>
    public ResolveTicketActivity(ISideEffectLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        _ledger = ledger;
    }

    /// <inheritdoc/>
    public override async Task<SideEffectReceipt> RunAsync(TaskActivityContext context, ResolveTicketInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        LedgerEntry entry = await _ledger.RecordOnceAsync(
            context.GetIdempotencyKey(), ActivityName, input.TicketId, input.Resolution, context.GetCancellationToken()).ConfigureAwait(false);
        return SideEffectReceipt.From(entry);
    }
}
