using DurableAgents.Storage.Sqlite;
using DurableAgents.Storage.Sqlite.Schema;
using Microsoft.Data.Sqlite;

namespace DurableAgents.TaskHub.Tests.Sqlite;

public sealed class SqliteSchemaMigrationTests
{
    [Fact]
    public async Task InitializeAsync_NewFile_AppliesEveryMigrationOnceAndRecordsIt()
    {
        await using StoreFixture fixture = await StoreFixture.CreateAsync();

        List<(long Version, string Name, string AppliedAt)> recorded = ReadVersions(fixture);

        Assert.Equal(MigrationCatalog.All.Select(m => (long)m.Version), recorded.Select(r => r.Version));
        Assert.Equal("0001_initial", recorded[0].Name);
        Assert.Equal(1, fixture.CountRows("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'instances'"));
    }

    [Fact]
    public async Task InitializeAsync_ReopenedFile_AppliesNothingAgain()
    {
        await using StoreFixture fixture = await StoreFixture.CreateAsync();
        List<(long Version, string Name, string AppliedAt)> first = ReadVersions(fixture);

        await fixture.ReopenAsync();
        await fixture.Store.InitializeAsync(CancellationToken.None);

        Assert.Equal(first, ReadVersions(fixture));
    }

    [Fact]
    public async Task InitializeAsync_DatabaseNewerThanStore_ThrowsSchemaVersionExceptionNamingBothVersions()
    {
        await using StoreFixture fixture = await StoreFixture.CreateAsync();
        int known = MigrationCatalog.All[^1].Version;
        using (SqliteConnection connection = fixture.OpenRawConnection())
        using (SqliteCommand command = connection.CreateCommand())
        {
            command.CommandText = "INSERT INTO schema_versions (version, name, applied_at) VALUES ($v, 'from_the_future', '2030-01-01');";
            command.Parameters.AddWithValue("$v", known + 1);
            command.ExecuteNonQuery();
        }

        await fixture.Store.DisposeAsync();
        await using var newer = new SqliteTaskHubStore(fixture.Options());
        SqliteSchemaVersionException error = await Assert.ThrowsAsync<SqliteSchemaVersionException>(
            () => newer.InitializeAsync(CancellationToken.None));

        Assert.Equal(known + 1, error.DatabaseVersion);
        Assert.Equal(known, error.SupportedVersion);
        Assert.Contains(fixture.DatabasePath, error.Message, StringComparison.Ordinal);
        Assert.Contains("Upgrade", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InitializeAsync_StoreWithAnAddedMigration_AppliesOnlyTheNewOne()
    {
        await using StoreFixture fixture = await StoreFixture.CreateAsync();
        var added = new SqlMigration(MigrationCatalog.All.Count + 1, "9999_add_notes", "CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT);");

        await fixture.Store.DisposeAsync();
        await using (var upgraded = new SqliteTaskHubStore(fixture.Options(), [.. MigrationCatalog.All, added]))
        {
            await upgraded.InitializeAsync(CancellationToken.None);
        }

        List<(long Version, string Name, string AppliedAt)> recorded = ReadVersions(fixture);
        Assert.Equal(MigrationCatalog.All.Count + 1, recorded.Count);
        Assert.Equal("9999_add_notes", recorded[^1].Name);
        Assert.Equal(1, fixture.CountRows("SELECT COUNT(*) FROM sqlite_master WHERE name = 'notes'"));
    }

    [Fact]
    public async Task InitializeAsync_FailingMigration_LeavesTheDatabaseAtThePreviousVersion()
    {
        await using StoreFixture fixture = await StoreFixture.CreateAsync();
        var broken = new SqlMigration(
            MigrationCatalog.All.Count + 1,
            "9999_broken",
            "CREATE TABLE half_done (id INTEGER PRIMARY KEY); INSERT INTO no_such_table VALUES (1);");

        await fixture.Store.DisposeAsync();
        await using (var upgraded = new SqliteTaskHubStore(fixture.Options(), [.. MigrationCatalog.All, broken]))
        {
            await Assert.ThrowsAsync<SqliteException>(() => upgraded.InitializeAsync(CancellationToken.None));
        }

        Assert.Equal(MigrationCatalog.All.Count, ReadVersions(fixture).Count);
        Assert.Equal(0, fixture.CountRows("SELECT COUNT(*) FROM sqlite_master WHERE name = 'half_done'"));
    }

    [Fact]
    public void Validate_GapInVersions_ThrowsNamingTheVersion()
    {
        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => MigrationCatalog.Validate(
            [new SqlMigration(1, "0001_a", "SELECT 1;"), new SqlMigration(3, "0003_c", "SELECT 1;")]));

        Assert.Contains("0003_c", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InitializeAsync_NewFile_UsesWriteAheadLogging()
    {
        await using StoreFixture fixture = await StoreFixture.CreateAsync();

        using SqliteConnection connection = fixture.OpenRawConnection();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";

        Assert.Equal("wal", command.ExecuteScalar() as string);
    }

    private static List<(long Version, string Name, string AppliedAt)> ReadVersions(StoreFixture fixture)
    {
        using SqliteConnection connection = fixture.OpenRawConnection();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT version, name, applied_at FROM schema_versions ORDER BY version;";
        using SqliteDataReader reader = command.ExecuteReader();
        var rows = new List<(long, string, string)>();
        while (reader.Read())
        {
            rows.Add((reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        }

        return rows;
    }
}
