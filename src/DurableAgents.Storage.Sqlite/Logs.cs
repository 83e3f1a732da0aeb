using Microsoft.Extensions.Logging;

namespace DurableAgents.Storage.Sqlite;

/// <summary>The SQLite store's log messages (event ids 2000-2999; the table is in the top README).</summary>
internal static partial class Logs
{
    [LoggerMessage(EventId = 2100, Level = LogLevel.Information,
        Message = "Opened SQLite task hub '{DataSource}' (schema version {SchemaVersion}, synchronous={Synchronous})")]
    public static partial void StoreOpened(ILogger logger, string dataSource, int schemaVersion, SqliteSynchronousMode synchronous);

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information,
        Message = "Applied SQLite task hub schema migration {Version} to '{DataSource}'")]
    public static partial void MigrationApplied(ILogger logger, int version, string dataSource);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Error,
        Message = "A commit of {RequestCount} requests to '{DataSource}' failed and was rolled back")]
    public static partial void CommitFailed(ILogger logger, Exception exception, int requestCount, string dataSource);
}
