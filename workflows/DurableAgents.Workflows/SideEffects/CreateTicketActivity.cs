using DurableAgents.Activities;
using Microsoft.DurableTask;
namespace DurableAgents.Workflows.SideEffects;

/// <summary>Opens a ticket (id derived from the idempotency key). Idempotent: every delivery of one call records once (see <see cref="ISideEffectLedger"/>). Registered as "CreateTicket".</summary>
[DurableTask(ActivityName)]
public sealed class CreateTicketActivity : TaskActivity<CreateTicketInput, SideEffectReceipt>
{
    /// <summary>The name the activity is registered and scheduled under.</summary>
    public const string ActivityName = SideEffectOperations.CreateTicket;

    private readonly ISideEffectLedger _ledger;

    /// <summary>Creates the activity (normally by the worker, from the service provider).</summary>
    public CreateTicketActivity(ISideEffectLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        _ledger = ledger;
    }

    /// <inheritdoc/>
    public override async Task<SideEffectReceipt> RunAsync(TaskActivityContext context, CreateTicketInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        LedgerEntry entry = await _ledger.RecordOnceAsync(
            context.GetIdempotencyKey(), ActivityName, SideEffectIds.From("TCK", context.GetIdempotencyKey()), input.Title, context.GetCancellationToken()).ConfigureAwait(false);
        return SideEffectReceipt.From(entry);
    }
}
