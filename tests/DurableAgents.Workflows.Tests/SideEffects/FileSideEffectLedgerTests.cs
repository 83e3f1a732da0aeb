using System.Text;
using DurableAgents.Workflows.SideEffects;

namespace DurableAgents.Workflows.Tests.SideEffects;

public sealed class FileSideEffectLedgerTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "da-ledger-" + Guid.NewGuid().ToString("N"));

    private string LedgerPath => Path.Combine(_directory, "nested", "ledger.jsonl");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task RecordOnce_AfterReopen_StillIdempotent()
    {
        using (var ledger = new FileSideEffectLedger(LedgerPath))
        {
            await ledger.RecordOnceAsync("i:1", "CreateTicket", "TCK-1", "Refund ü");
            await ledger.RecordOnceAsync("i:2", "ResolveTicket", "TCK-1");
        }

        using var reopened = new FileSideEffectLedger(LedgerPath);
        LedgerEntry again = await reopened.RecordOnceAsync("i:1", "CreateTicket", "TCK-other");
        LedgerEntry next = await reopened.RecordOnceAsync("i:3", "CancelTicket", "TCK-1");

        Assert.Equal(("TCK-1", 1L, "Refund ü"), (again.Subject, again.Sequence, again.Details));
        Assert.Equal(3, next.Sequence);
        Assert.Equal(3, File.ReadAllLines(LedgerPath).Length);
    }

    [Fact]
    public async Task Open_LastLineCutShort_DropsItAndAppendsCleanly()
    {
        using (var ledger = new FileSideEffectLedger(LedgerPath))
        {
            await ledger.RecordOnceAsync("i:1", "CreateTicket", "TCK-1", "é");
        }

        File.AppendAllText(LedgerPath, "{\"sequence\":2,\"idempotencyKey\":\"i:2\",\"oper", Encoding.UTF8);

        using (var ledger = new FileSideEffectLedger(LedgerPath))
        {
            Assert.Single(await ledger.GetEntriesAsync());
            LedgerEntry redelivered = await ledger.RecordOnceAsync("i:2", "PublishReport", "RPT-1");
            Assert.Equal(2, redelivered.Sequence);
        }

        using var reopened = new FileSideEffectLedger(LedgerPath);
        Assert.Equal(["CreateTicket", "PublishReport"], (await reopened.GetEntriesAsync()).Select(e => e.Operation));
    }

    [Fact]
    public void Open_CorruptLine_FailsNamingTheLineAndFile()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(LedgerPath)!);
        File.WriteAllText(LedgerPath, "not json\n");

        var error = Assert.Throws<InvalidDataException>(() => new FileSideEffectLedger(LedgerPath));
        Assert.Contains("Line 1 of the side-effect ledger", error.Message, StringComparison.Ordinal);
        Assert.Contains(LedgerPath, error.Message, StringComparison.Ordinal);
    }
}
