using DurableAgents.Storage.Sqlite;
using DurableAgents.Storage.Sqlite.Connections;
using Microsoft.Data.Sqlite;

namespace DurableAgents.TaskHub.Tests.Sqlite;

public sealed class SqliteConnectionFactoryTests
{
    [Theory]
    [InlineData(SqliteSynchronousMode.Full, 2L)]
    [InlineData(SqliteSynchronousMode.Normal, 1L)]
    [InlineData(SqliteSynchronousMode.Extra, 3L)]
    public void OpenWriter_SynchronousOption_IsTheConnectionsSynchronousPragma(SqliteSynchronousMode mode, long pragmaValue)
    {
        using var directory = new TempDirectory();
        var factory = new SqliteConnectionFactory(new SqliteTaskHubStoreOptions { DataSource = directory.File("f.db"), Synchronous = mode });

        using SqliteConnection writer = factory.OpenWriter();

        Assert.Equal(pragmaValue, Pragma(writer, "synchronous"));
        Assert.Equal("wal", Convert.ToString(Scalar(writer, "PRAGMA journal_mode;"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void OpenWriter_DefaultOptions_SyncsEveryCommitAndWaitsForLocks()
    {
        using var directory = new TempDirectory();
        var factory = new SqliteConnectionFactory(new SqliteTaskHubStoreOptions { DataSource = directory.File("f.db") });

        using SqliteConnection writer = factory.OpenWriter();

        Assert.Equal(2L, Pragma(writer, "synchronous"));
        Assert.Equal(30_000L, Pragma(writer, "busy_timeout"));
        Assert.Equal(-16L * 1024, Pragma(writer, "cache_size"));
    }

    [Fact]
    public void OpenWriter_MissingDirectory_CreatesIt()
    {
        using var directory = new TempDirectory();
        string path = Path.Combine(directory.Path, "a", "b", "hub.db");
        var factory = new SqliteConnectionFactory(new SqliteTaskHubStoreOptions { DataSource = path });

        using SqliteConnection writer = factory.OpenWriter();

        Assert.True(File.Exists(path));
    }

    [Fact]
    public void OpenReader_ConnectionRefusesWrites()
    {
        using var directory = new TempDirectory();
        var factory = new SqliteConnectionFactory(new SqliteTaskHubStoreOptions { DataSource = directory.File("f.db") });
        using SqliteConnection writer = factory.OpenWriter();

        using SqliteConnection reader = factory.OpenReader();

        Assert.Throws<SqliteException>(() => Scalar(reader, "CREATE TABLE t (x INTEGER);"));
    }

    private static long Pragma(SqliteConnection connection, string name) =>
        Convert.ToInt64(Scalar(connection, $"PRAGMA {name};"), System.Globalization.CultureInfo.InvariantCulture);

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
