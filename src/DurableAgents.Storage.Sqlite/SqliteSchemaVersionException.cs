namespace DurableAgents.Storage.Sqlite;

/// <summary>The database's schema cannot be used by this version of the store (for example it is newer).</summary>
public sealed class SqliteSchemaVersionException : Exception
{
    /// <summary>Creates the exception for a database whose schema version is newer than this store knows.</summary>
    /// <param name="dataSource">The database file.</param>
    /// <param name="databaseVersion">The highest schema version recorded in the database.</param>
    /// <param name="supportedVersion">The highest schema version this store knows.</param>
    public SqliteSchemaVersionException(string dataSource, int databaseVersion, int supportedVersion)
        : base($"The task hub database '{dataSource}' has schema version {databaseVersion}, but this version of " +
               $"DurableAgents.Storage.Sqlite knows versions up to {supportedVersion}. Upgrade the sidecar to a " +
               "version that knows the newer schema, or point TaskHub:Sqlite:DataSource at another file.")
    {
        DatabaseVersion = databaseVersion;
        SupportedVersion = supportedVersion;
    }

    /// <summary>Creates the exception with a message.</summary>
    public SqliteSchemaVersionException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public SqliteSchemaVersionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public SqliteSchemaVersionException()
        : base("The SQLite task hub schema version is not supported by this store.")
    {
    }

    /// <summary>The highest schema version recorded in the database, when known.</summary>
    public int? DatabaseVersion { get; }

    /// <summary>The highest schema version this store knows, when known.</summary>
    public int? SupportedVersion { get; }
}
