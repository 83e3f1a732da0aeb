namespace DurableAgents.Storage.Sqlite;

/// <summary>
/// The task hub database is already open in another store: another process (or another store in this process) holds
/// its lock file. The engine keeps leases and dispatch state in memory, so two stores on one file would hand the same
/// work out twice; the second store refuses to open instead.
/// </summary>
public sealed class SqliteTaskHubInUseException : InvalidOperationException
{
    /// <summary>Creates the exception for <paramref name="dataSource"/>, whose lock file <paramref name="lockFile"/> is held.</summary>
    /// <param name="dataSource">The database file.</param>
    /// <param name="lockFile">The lock file beside it.</param>
    /// <param name="innerException">The error the operating system reported.</param>
    public SqliteTaskHubInUseException(string dataSource, string lockFile, Exception? innerException)
        : base($"The task hub database '{dataSource}' is in use by another process (or another store in this process): " +
               $"its lock file '{lockFile}' is held. Two hosts must not share one database, because each keeps its leases " +
               "in memory. Stop the other host, or point TaskHub:Sqlite:DataSource at another file.", innerException)
    {
        DataSource = dataSource;
        LockFile = lockFile;
    }

    /// <summary>Creates the exception with a message.</summary>
    public SqliteTaskHubInUseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public SqliteTaskHubInUseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public SqliteTaskHubInUseException()
        : base("The SQLite task hub database is in use by another store.")
    {
    }

    /// <summary>The database file, when known.</summary>
    public string? DataSource { get; }

    /// <summary>The held lock file, when known.</summary>
    public string? LockFile { get; }
}
