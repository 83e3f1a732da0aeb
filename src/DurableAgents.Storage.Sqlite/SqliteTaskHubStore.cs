using System.ComponentModel.DataAnnotations;
using DurableAgents.History;
using DurableAgents.Storage.Sqlite.Connections;
using DurableAgents.Storage.Sqlite.Reading;
using DurableAgents.Storage.Sqlite.Rows;
using DurableAgents.Storage.Sqlite.Schema;
using DurableAgents.Storage.Sqlite.Serialization;
using DurableAgents.Storage.Sqlite.Writing;
using DurableAgents.TaskHub.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DurableAgents.Storage.Sqlite;

/// <summary>The embedded task hub store: one SQLite file in WAL mode, one writer connection, pooled readers.</summary>
public sealed class SqliteTaskHubStore : ITaskHubStore
{
    private readonly SqliteTaskHubStoreOptions _options;
    private readonly SqliteConnectionFactory _factory;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly IReadOnlyList<SqlMigration> _migrations;
    private readonly SemaphoreSlim _initializeLock = new(1, 1);
    private SqliteWriter? _writer;
    private ReadConnectionPool? _readers;
    private StoreFileLock? _fileLock;
    private bool _disposed;

    /// <summary>Creates a store over the file in <paramref name="options"/>; <see cref="InitializeAsync"/> opens it.</summary>
    /// <param name="options">The settings; validated here.</param>
    /// <param name="logger">Receives start-up and failure messages.</param>
    /// <param name="timeProvider">The clock for recording when a migration was applied.</param>
    /// <exception cref="ValidationException">An option is out of range.</exception>
    public SqliteTaskHubStore(SqliteTaskHubStoreOptions options, ILogger<SqliteTaskHubStore>? logger = null, TimeProvider? timeProvider = null)
        : this(options, MigrationCatalog.All, logger, timeProvider)
    {
    }

    internal SqliteTaskHubStore(
        SqliteTaskHubStoreOptions options,
        IReadOnlyList<SqlMigration> migrations,
        ILogger<SqliteTaskHubStore>? logger = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        _options = options;
        _factory = new SqliteConnectionFactory(options);
        _migrations = MigrationCatalog.Validate(migrations);
        _logger = logger ?? NullLogger<SqliteTaskHubStore>.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The full path of the database file, or the URI of the in-memory database (see <see cref="SqliteTaskHubStoreOptions.InMemory"/>).</summary>
    public string DataSource => _factory.DataSource;

    /// <inheritdoc/>
    /// <exception cref="SqliteTaskHubInUseException">Another store (in this or another process) has the database file open.</exception>
    public async Task InitializeAsync(CancellationToken cancellation)
    {
        await _initializeLock.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_writer is not null)
            {
                return;
            }

            // In memory the database is private to this store already; a file is locked before SQLite touches it.
            StoreFileLock? fileLock = _options.InMemory ? null : StoreFileLock.Acquire(DataSource);
            SqliteConnection connection;
            try
            {
                connection = _factory.OpenWriter();
            }
            catch
            {
                fileLock?.Dispose();
                throw;
            }

            try
            {
                IReadOnlyList<int> applied = SchemaMigrator.Migrate(connection, DataSource, _migrations, _timeProvider);
                foreach (int version in applied)
                {
                    Logs.MigrationApplied(_logger, version, DataSource);
                }

                int schemaVersion = SchemaMigrator.CurrentVersion(connection);
                Logs.StoreOpened(_logger, DataSource, schemaVersion, _options.Synchronous);
            }
            catch
            {
                connection.Dispose();
                fileLock?.Dispose();
                throw;
            }

            _fileLock = fileLock;
            _readers = new ReadConnectionPool(_factory, _options.MaxReadConnections);
            _writer = new SqliteWriter(connection);
        }
        finally
        {
            _initializeLock.Release();
        }
    }

    /// <inheritdoc/>
    public Task<InstanceRecord?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        return Readers.ReadAsync(connection =>
        {
            PreparedCommand select = connection.Get(includePayloads ? InstanceRows.SelectOneWithPayloads : InstanceRows.SelectOneWithoutPayloads);
            using SqliteDataReader reader = select.Set(0, instanceId).ExecuteReader(null);
            return reader.Read() ? InstanceRows.Read(reader) : null;
        }, cancellation);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, string executionId, CancellationToken cancellation)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentNullException.ThrowIfNull(executionId);
        return Readers.ReadAsync<IReadOnlyList<HistoryEvent>>(connection =>
        {
            PreparedCommand select = connection.Get(HistoryRows.SelectExecution).Set(0, instanceId).Set(1, executionId);
            var events = new List<HistoryEvent>();
            using SqliteDataReader reader = select.ExecuteReader(null);
            while (reader.Read())
            {
                events.Add(StoreJson.DeserializeEvent(reader.GetString(0)));
            }

            return events;
        }, cancellation);
    }

    /// <inheritdoc/>
    public Task<InstancePage> QueryInstancesAsync(InstanceQuery query, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(query);
        ContinuationToken after = InstanceQueries.Validate(query);
        return Readers.ReadAsync(connection => InstanceQueries.ReadPage(connection, query, after), cancellation);
    }

    /// <inheritdoc/>
    public Task<RecoveryState> LoadRecoveryStateAsync(CancellationToken cancellation) =>
        Readers.ReadAsync(connection =>
        {
            // One read transaction: the three lists are one consistent snapshot of the file.
            using SqliteTransaction snapshot = connection.Connection.BeginTransaction(deferred: true);
            var instances = new List<InstanceRecord>();
            using (SqliteDataReader reader = connection.Get(InstanceRows.SelectActive).ExecuteReader(snapshot))
            {
                while (reader.Read())
                {
                    instances.Add(InstanceRows.Read(reader));
                }
            }

            var inbox = new List<InboxMessage>();
            using (SqliteDataReader reader = connection.Get(InboxRows.SelectAll).ExecuteReader(snapshot))
            {
                while (reader.Read())
                {
                    inbox.Add(InboxRows.Read(reader));
                }
            }

            var activities = new List<ActivityTask>();
            using (SqliteDataReader reader = connection.Get(ActivityRows.SelectAll).ExecuteReader(snapshot))
            {
                while (reader.Read())
                {
                    activities.Add(ActivityRows.Read(reader));
                }
            }

            snapshot.Commit();
            return new RecoveryState(instances, inbox, activities);
        }, cancellation);

    /// <inheritdoc/>
    public async Task<IReadOnlyList<CommitOutcome>> CommitAsync(IReadOnlyList<CommitRequest> batch, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count == 0)
        {
            return [];
        }

        try
        {
            return await Writer.WriteAsync(writer => CommitApplier.Apply(writer, batch), cancellation).ConfigureAwait(false);
        }
        catch (SqliteException exception)
        {
            Logs.CommitFailed(_logger, exception, batch.Count, DataSource);
            throw;
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await _initializeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;

            // Readers close first so the writer is the last connection: SQLite then checkpoints the WAL into the
            // database file and removes it.
            _readers?.Dispose();
            _writer?.Dispose();
            _writer = null;
            _readers = null;

            // Released last, once no connection is open, so the next store finds the file closed.
            _fileLock?.Dispose();
            _fileLock = null;
        }
        finally
        {
            _initializeLock.Release();
        }
    }

    private SqliteWriter Writer => _writer ?? throw NotInitialized();

    private ReadConnectionPool Readers => _readers ?? throw NotInitialized();

    private InvalidOperationException NotInitialized() => _disposed
        ? new InvalidOperationException($"The SQLite task hub store '{DataSource}' has been disposed.")
        : new InvalidOperationException($"The SQLite task hub store '{DataSource}' is not open; call InitializeAsync first.");
}
