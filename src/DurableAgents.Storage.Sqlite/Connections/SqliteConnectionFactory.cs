using System.Globalization;
using Microsoft.Data.Sqlite;

namespace DurableAgents.Storage.Sqlite.Connections;

/// <summary>Opens connections to the task hub file with the store's pragmas applied.</summary>
internal sealed class SqliteConnectionFactory
{
    private readonly SqliteTaskHubStoreOptions _options;
    private readonly string _connectionString;

    public SqliteConnectionFactory(SqliteTaskHubStoreOptions options)
    {
        _options = options;
        int busyTimeoutSeconds = Math.Max(1, (int)Math.Ceiling(options.BusyTimeout.TotalSeconds));
        if (options.InMemory)
        {
            // A unique name: a shared-cache database is visible to every connection of the process that names it.
            string name = string.Create(CultureInfo.InvariantCulture, $"durableagents-{Guid.NewGuid():N}");
            DataSource = string.Create(CultureInfo.InvariantCulture, $"file:{name}?mode=memory&cache=shared");
            _connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = name,
                Mode = SqliteOpenMode.Memory,
                Cache = SqliteCacheMode.Shared,
                Pooling = false,
                DefaultTimeout = busyTimeoutSeconds,
            }.ToString();
            return;
        }

        DataSource = Path.GetFullPath(options.DataSource);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = DataSource,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            // The store keeps its own connections for its whole lifetime; the driver's pool would only keep the
            // file open after disposal.
            Pooling = false,
            DefaultTimeout = busyTimeoutSeconds,
        }.ToString();
    }

    /// <summary>The full path of the database file, or the shared in-memory database's URI.</summary>
    public string DataSource { get; }

    /// <summary>
    /// Opens the connection that writes: turns WAL on (persistent in the file) and sets durability. An in-memory
    /// database lives as long as this connection, which the store keeps open for its lifetime.
    /// </summary>
    public SqliteConnection OpenWriter()
    {
        if (_options.InMemory)
        {
            return Open();
        }

        string? directory = Path.GetDirectoryName(DataSource);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        SqliteConnection connection = Open();
        try
        {
            string journalMode = ExecuteScalarText(connection, "PRAGMA journal_mode=WAL;");
            if (!string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"SQLite could not switch '{DataSource}' to WAL mode (it reports '{journalMode}'). " +
                    "Place the database on a local file system that supports shared memory.");
            }

            Execute(connection, string.Create(CultureInfo.InvariantCulture,
                $"PRAGMA wal_autocheckpoint={_options.WalAutoCheckpointPages};"));
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Opens a connection for queries; it never writes.</summary>
    public SqliteConnection OpenReader()
    {
        SqliteConnection connection = Open();
        Execute(connection, "PRAGMA query_only=ON;");
        return connection;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            connection.Open();
            // Pragmas take no parameters; every value here is a number or an enum name from validated options.
            string synchronous = _options.Synchronous.ToString().ToUpperInvariant();
            long busyMilliseconds = (long)_options.BusyTimeout.TotalMilliseconds;
            Execute(connection, string.Create(CultureInfo.InvariantCulture,
                $"PRAGMA synchronous={synchronous}; PRAGMA busy_timeout={busyMilliseconds}; PRAGMA cache_size={-_options.CacheSizeKiB}; PRAGMA mmap_size={_options.MemoryMapSizeBytes}; PRAGMA temp_store=MEMORY; PRAGMA foreign_keys=OFF;"));
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string ExecuteScalarText(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture) ?? string.Empty;
    }
}
