using Microsoft.Extensions.Logging;

namespace DurableAgents.Storage.Sqlite;

internal static partial class Logs
{
    [LoggerMessage(EventId = 5100, Level = LogLevel.Information,
        Message = "Opened SQLite task hub '{DataSource}' (schema version {SchemaVersion}, synchronous={Synchronous})")]
    public static partial void StoreOpened(ILogger logger, string dataSource, int schemaVersion, SqliteSynchronousMode synchronous);

    [LoggerMessage(EventId = 5101, Level = LogLevel.Information,
        Message = "Applied SQLite task hub schema migration {Version} to '{DataSource}'")]
    public static partial void MigrationApplied(ILogger logger, int version, string dataSource);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Error,
        Message = "A commit of {RequestCount} requests to '{DataSource}' failed and was rolled back")]
    public static partial void CommitFailed(ILogger logger, Exception exception, int requestCount, string dataSource);
}
