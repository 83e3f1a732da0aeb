using DurableAgents.Storage.Sqlite;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.TaskHub.Tests.Sqlite;

public sealed class SqliteTaskHubStoreInMemoryTests
{
    [Fact]
    public async Task InMemoryStore_CommitsAndReadsBackThroughItsPooledReaders()
    {
        await using var store = await OpenInMemoryAsync();

        IReadOnlyList<CommitOutcome> outcomes = await store.CommitAsync([Rows.Start("a", 1), Rows.Start("b", 2)], CancellationToken.None);
        InstanceRecord? read = await store.GetInstanceAsync("a", includePayloads: true, CancellationToken.None);
        RecoveryState recovery = await store.LoadRecoveryStateAsync(CancellationToken.None);

        Assert.All(outcomes, o => Assert.True(o.Committed));
        Assert.Equal("""{"who":"a"}""", read!.Input);
        Assert.Equal(["a", "b"], recovery.ActiveInstances.Select(i => i.InstanceId).Order());
        Assert.Equal(2, recovery.Inbox.Count);
        Assert.StartsWith("file:durableagents-", store.DataSource, StringComparison.Ordinal);
        Assert.EndsWith("?mode=memory&cache=shared", store.DataSource, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InMemoryStores_InOneProcess_DoNotShareTheirDatabases()
    {
        await using var first = await OpenInMemoryAsync();
        await using var second = await OpenInMemoryAsync();

        await first.CommitAsync([Rows.Start("only-in-first", 1)], CancellationToken.None);

        Assert.NotNull(await first.GetInstanceAsync("only-in-first", false, CancellationToken.None));
        Assert.Null(await second.GetInstanceAsync("only-in-first", false, CancellationToken.None));
        Assert.NotEqual(first.DataSource, second.DataSource);
    }

    [Fact]
    public async Task InMemoryStore_IgnoresDataSourceAndWritesNoFile()
    {
        using var directory = new TempDirectory();
        string path = directory.File("never-created.db");
        await using (var store = new SqliteTaskHubStore(new SqliteTaskHubStoreOptions { InMemory = true, DataSource = path }))
        {
            await store.InitializeAsync(CancellationToken.None);
            await store.CommitAsync([Rows.Start("a", 1)], CancellationToken.None);
        }

        Assert.Empty(Directory.EnumerateFileSystemEntries(directory.Path));
    }

    [Fact]
    public async Task InMemoryStore_ReadsRacingCommits_SeeOnlyWholeCommits()
    {
        // Readers and the writer share the database through SQLite's shared cache (no WAL): a reader that meets a
        // commit in progress waits for it rather than failing or seeing half of it.
        await using var store = await OpenInMemoryAsync();
        await store.CommitAsync([new CommitRequest { InstanceUpserts = [Rows.Instance("a", rowVersion: 1)] }], CancellationToken.None);

        Task writes = Task.Run(async () =>
        {
            for (long version = 2; version <= 60; version++)
            {
                await store.CommitAsync(
                    [new CommitRequest { InstanceUpserts = [Rows.Instance("a", rowVersion: version), Rows.Instance("b", rowVersion: version)] }],
                    CancellationToken.None);
            }
        });
        var seen = new List<(long A, long B)>();
        while (!writes.IsCompleted)
        {
            InstancePage page = await store.QueryInstancesAsync(new InstanceQuery(), CancellationToken.None);
            long a = page.Instances.Single(i => i.InstanceId == "a").RowVersion;
            long? b = page.Instances.SingleOrDefault(i => i.InstanceId == "b")?.RowVersion;
            seen.Add((a, b ?? 1));
        }

        await writes;
        Assert.All(seen, s => Assert.Equal(s.A, s.B));
        Assert.Equal(60, (await store.GetInstanceAsync("b", false, CancellationToken.None))!.RowVersion);
    }

    [Fact]
    public async Task InMemoryOption_WithAMemoryDataSource_IsValid()
    {
        // The DataSource check that asks for a file applies to file databases only.
        await using var store = new SqliteTaskHubStore(new SqliteTaskHubStoreOptions { InMemory = true, DataSource = ":memory:" });

        Assert.StartsWith("file:durableagents-", store.DataSource, StringComparison.Ordinal);
    }

    private static async Task<SqliteTaskHubStore> OpenInMemoryAsync()
    {
        var store = new SqliteTaskHubStore(new SqliteTaskHubStoreOptions { InMemory = true });
        await store.InitializeAsync(CancellationToken.None);
        return store;
    }
}
