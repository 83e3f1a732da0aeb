using DurableAgents.Storage.Sqlite;
using DurableAgents.Storage.Sqlite.Schema;
using DurableAgents.TaskHub.Storage;
using Microsoft.Data.Sqlite;

namespace DurableAgents.TaskHub.Tests.Sqlite;

/// <summary>One store per database file: a second one fails at start with a message naming the file, whatever process it is in.</summary>
public sealed class SqliteTaskHubStoreExclusiveLockTests
{
    [Fact]
    public async Task InitializeAsync_FileOpenInAnotherStore_FailsNamingTheFileAndTheFirstKeepsWorking()
    {
        await using StoreFixture fixture = await StoreFixture.CreateAsync();
        await using var second = new SqliteTaskHubStore(fixture.Options());

        SqliteTaskHubInUseException error = await Assert.ThrowsAsync<SqliteTaskHubInUseException>(
            () => second.InitializeAsync(CancellationToken.None));

        Assert.Contains($"'{fixture.DatabasePath}'", error.Message, StringComparison.Ordinal);
        Assert.Contains("in use by another process", error.Message, StringComparison.Ordinal);
        Assert.Equal(fixture.DatabasePath, error.DataSource);
        Assert.Equal(fixture.DatabasePath + ".lock", error.LockFile);

        IReadOnlyList<CommitOutcome> outcomes = await fixture.Store.CommitAsync([Rows.Start("still-mine", 1)], CancellationToken.None);
        Assert.True(outcomes[0].Committed);
        Assert.NotNull(await fixture.Store.GetInstanceAsync("still-mine", false, CancellationToken.None));
    }

    [Fact]
    public async Task InitializeAsync_AfterTheFirstStoreIsDisposed_OpensAndSeesItsData()
    {
        await using StoreFixture fixture = await StoreFixture.CreateAsync();
        await fixture.Store.CommitAsync([Rows.Start("kept", 1)], CancellationToken.None);
        await using var refused = new SqliteTaskHubStore(fixture.Options());
        await Assert.ThrowsAsync<SqliteTaskHubInUseException>(() => refused.InitializeAsync(CancellationToken.None));

        await fixture.Store.DisposeAsync();
        await using SqliteTaskHubStore next = await fixture.OpenAsync();

        Assert.NotNull(await next.GetInstanceAsync("kept", false, CancellationToken.None));
    }

    [Fact]
    public async Task InitializeAsync_FailedStart_ReleasesTheLock()
    {
        await using StoreFixture fixture = await StoreFixture.CreateAsync();
        await fixture.Store.DisposeAsync();
        var broken = new SqlMigration(MigrationCatalog.All.Count + 1, "9999_broken", "INSERT INTO no_such_table VALUES (1);");
        await using (var failing = new SqliteTaskHubStore(fixture.Options(), [.. MigrationCatalog.All, broken]))
        {
            await Assert.ThrowsAsync<SqliteException>(() => failing.InitializeAsync(CancellationToken.None));
        }

        await using SqliteTaskHubStore next = await fixture.OpenAsync();

        Assert.Null(await next.GetInstanceAsync("none", false, CancellationToken.None));
    }

    [Fact]
    public async Task InitializeAsync_InMemoryStoresWithTheSameDataSource_EachOpen()
    {
        using var directory = new TempDirectory();
        string path = directory.File("unused.db");
        await using var first = new SqliteTaskHubStore(new SqliteTaskHubStoreOptions { InMemory = true, DataSource = path });
        await using var second = new SqliteTaskHubStore(new SqliteTaskHubStoreOptions { InMemory = true, DataSource = path });

        await first.InitializeAsync(CancellationToken.None);
        await second.InitializeAsync(CancellationToken.None);

        Assert.False(File.Exists(path + ".lock"));
    }
}
