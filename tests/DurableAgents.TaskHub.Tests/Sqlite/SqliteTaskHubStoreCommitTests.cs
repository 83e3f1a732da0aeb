using DurableAgents.History;
using DurableAgents.Storage.Sqlite;
using DurableAgents.TaskHub.Storage;
using Microsoft.Data.Sqlite;
using static DurableAgents.TaskHub.Tests.Sqlite.StoreCommits;

namespace DurableAgents.TaskHub.Tests.Sqlite;

public sealed class SqliteTaskHubStoreCommitTests
{
    [Fact]
    public async Task CommitAsync_WriteThatViolatesAKey_ThrowsAndCommitsNothingOfTheBatch()
    {
        await using StoreFixture fixture = await StoreFixture.CreateAsync();
        await Commit(fixture, new CommitRequest { InboxInserts = [Rows.Message(5, "a")] });

        await Assert.ThrowsAsync<SqliteException>(() => fixture.Store.CommitAsync(
            [Rows.Start("b", 6), new CommitRequest { InboxInserts = [Rows.Message(5, "a")] }],
            CancellationToken.None));

        Assert.Null(await fixture.Store.GetInstanceAsync("b", false, CancellationToken.None));
        Assert.Equal(1, fixture.CountRows("SELECT COUNT(*) FROM inbox"));

        // The writer is usable again after the failed batch.
        await Commit(fixture, Rows.Start("b", 6));
        Assert.NotNull(await fixture.Store.GetInstanceAsync("b", false, CancellationToken.None));
    }

    [Fact]
    public async Task DisposeAsync_AfterReadsAndWrites_CheckpointsAndRemovesTheWriteAheadLog()
    {
        await using StoreFixture fixture = await StoreFixture.CreateAsync();
        await Commit(fixture, Rows.Start("a", 1));
        Assert.NotNull(await fixture.Store.GetInstanceAsync("a", false, CancellationToken.None));
        Assert.True(File.Exists(fixture.DatabasePath + "-wal"));

        await fixture.Store.DisposeAsync();

        Assert.False(File.Exists(fixture.DatabasePath + "-wal"));
        await fixture.ReopenAsync();
        Assert.NotNull(await fixture.Store.GetInstanceAsync("a", false, CancellationToken.None));
    }

    [Fact]
    public async Task Members_BeforeInitialize_ThrowInvalidOperationSayingWhatToCall()
    {
        using var directory = new TempDirectory();
        await using var store = new SqliteTaskHubStore(new SqliteTaskHubStoreOptions { DataSource = directory.File("x.db") });

        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => store.CommitAsync([Rows.Start("a", 1)], CancellationToken.None));

        Assert.Contains("InitializeAsync", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_AfterDispose_ThrowSayingTheStoreIsDisposed()
    {
        await using StoreFixture fixture = await StoreFixture.CreateAsync();
        await fixture.Store.DisposeAsync();
        SqliteTaskHubStore store = await fixture.OpenAsync();
        await store.DisposeAsync();

        InvalidOperationException error = await Assert.ThrowsAsync<InvalidOperationException>(
            () => store.GetInstanceAsync("a", false, CancellationToken.None));

        Assert.Contains("disposed", error.Message, StringComparison.Ordinal);
    }
}
