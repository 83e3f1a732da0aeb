using DurableAgents.Workflows.SideEffects;
using DurableAgents.Workflows.Tests.Fakes;

namespace DurableAgents.Workflows.Tests.SideEffects;

public sealed class SideEffectActivityTests
{
    [Fact]
    public async Task CreateTicket_DeliveredTwiceWithSameKey_OneTicketSameId()
    {
        var ledger = new InMemorySideEffectLedger();
        var activity = new CreateTicketActivity(ledger);
        var delivery = new TestActivityContext(CreateTicketActivity.ActivityName, "order-7", 3);

        SideEffectReceipt first = await activity.RunAsync(delivery, new CreateTicketInput("Refund"));
        SideEffectReceipt again = await activity.RunAsync(new TestActivityContext(CreateTicketActivity.ActivityName, "order-7", 3), new CreateTicketInput("Refund"));

        Assert.Equal(first, again);
        Assert.Equal(SideEffectIds.From("TCK", "order-7:3"), first.Subject);
        Assert.Single(await ledger.GetEntriesAsync());
    }

    [Fact]
    public async Task CreateTicket_DifferentCalls_DifferentTickets()
    {
        var ledger = new InMemorySideEffectLedger();
        var activity = new CreateTicketActivity(ledger);

        SideEffectReceipt a = await activity.RunAsync(new TestActivityContext(CreateTicketActivity.ActivityName, "order-7", 3), new CreateTicketInput("A"));
        SideEffectReceipt b = await activity.RunAsync(new TestActivityContext(CreateTicketActivity.ActivityName, "order-7", 4), new CreateTicketInput("B"));

        Assert.NotEqual(a.Subject, b.Subject);
        Assert.Equal([1L, 2L], (await ledger.GetEntriesAsync()).Select(e => e.Sequence));
    }

    [Fact]
    public async Task PublishAndUnpublish_RecordChannelAndReport()
    {
        var ledger = new InMemorySideEffectLedger();
        SideEffectReceipt published = await new PublishReportActivity(ledger).RunAsync(
            new TestActivityContext(PublishReportActivity.ActivityName, "i", 1), new PublishReportInput("news", "Title", "Body"));
        SideEffectReceipt withdrawn = await new UnpublishReportActivity(ledger).RunAsync(
            new TestActivityContext(UnpublishReportActivity.ActivityName, "i", 2), new UnpublishReportInput("news", published.Subject));

        Assert.StartsWith("RPT-", published.Subject, StringComparison.Ordinal);
        Assert.Equal(published.Subject, withdrawn.Subject);
        IReadOnlyList<LedgerEntry> entries = await ledger.GetEntriesAsync();
        Assert.Equal(["news: Title", "withdrawn from news"], entries.Select(e => e.Details));
    }

    [Fact]
    public async Task Ledger_KeyReusedForOtherOperation_Refused()
    {
        var ledger = new InMemorySideEffectLedger();
        await ledger.RecordOnceAsync("i:1", "CreateTicket", "TCK-1");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => ledger.RecordOnceAsync("i:1", "CancelTicket", "TCK-1"));
        Assert.Contains("was recorded for 'CreateTicket', not 'CancelTicket'", error.Message, StringComparison.Ordinal);
    }
}
