using DurableAgents.Approvals;
using DurableAgents.Management.Approvals;

namespace DurableAgents.Management.Tests;

public sealed class ApprovalAnswerLedgerTests
{
    private static readonly DateTime Since = new(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void FindAnswer_SameWait_ReturnsRecordedAnswer_OtherWaitDoesNot()
    {
        var ledger = new ApprovalAnswerLedger();
        var wait = new ApprovalWait("publish", Since, Since.AddHours(1));
        ledger.RecordAnswer("i1", wait, new ApprovalDecision(true, "ana"));

        Assert.Equal("ana", ledger.FindAnswer("i1", wait)!.Decision.Approver);
        Assert.Null(ledger.FindAnswer("i1", wait with { Since = Since.AddMinutes(1) }));
        Assert.Null(ledger.FindAnswer("i2", wait));
    }

    [Fact]
    public void ForgetAllExcept_DropsAnswersWhoseWaitIsGone()
    {
        var ledger = new ApprovalAnswerLedger();
        var kept = new ApprovalWait("a", Since, Since.AddHours(1));
        var gone = new ApprovalWait("b", Since, Since.AddHours(1));
        ledger.RecordAnswer("i1", kept, new ApprovalDecision(true));
        ledger.RecordAnswer("i1", gone, new ApprovalDecision(false));

        ledger.ForgetAllExcept([("i1", kept)]);

        Assert.Equal(1, ledger.Count);
        Assert.NotNull(ledger.FindAnswer("i1", kept));
    }

    [Fact]
    public async Task LockAsync_SameKey_SerialisesHolders()
    {
        var ledger = new ApprovalAnswerLedger();
        IAsyncDisposable first = await ledger.LockAsync("i1", "a", CancellationToken.None);
        Task<IAsyncDisposable> second = ledger.LockAsync("i1", "a", CancellationToken.None);
        IAsyncDisposable other = await ledger.LockAsync("i1", "b", CancellationToken.None);

        Assert.False(second.IsCompleted);
        await first.DisposeAsync();
        await (await second.WaitAsync(TimeSpan.FromSeconds(30))).DisposeAsync();
        await other.DisposeAsync();
    }

    [Fact]
    public async Task LockAsync_CanceledWaiter_DoesNotBlockLaterHolders()
    {
        var ledger = new ApprovalAnswerLedger();
        IAsyncDisposable first = await ledger.LockAsync("i1", "a", CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        Task<IAsyncDisposable> waiter = ledger.LockAsync("i1", "a", cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiter);
        await first.DisposeAsync();

        await (await ledger.LockAsync("i1", "a", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30))).DisposeAsync();
    }
}
