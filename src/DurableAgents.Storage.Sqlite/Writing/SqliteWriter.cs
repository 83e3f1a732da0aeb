using DurableAgents.Storage.Sqlite.Connections;
using Microsoft.Data.Sqlite;

namespace DurableAgents.Storage.Sqlite.Writing;

/// <summary>
/// Owns the one connection that writes. Every write runs as one immediate transaction under a lock, so the
/// engine's group commit (many requests per call) costs one WAL sync. The engine already serialises commits;
/// the lock keeps the connection safe when another caller of the store commits at the same time.
/// </summary>
internal sealed class SqliteWriter : IDisposable
{
    private readonly CommandCache _commands;
    private readonly SemaphoreSlim _lock = new(1, 1);
    private SqliteTransaction? _transaction;
    private bool _disposed;

    public SqliteWriter(SqliteConnection connection) => _commands = new CommandCache(connection);

    /// <summary>Runs <paramref name="write"/> in one transaction and commits it; rolls back when it throws.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteWriter, T> write, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return WriteLocked(write);
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>The prepared command for <paramref name="statement"/>, to execute inside the current write.</summary>
    public PreparedCommand Command(SqlStatement statement) => _commands.Get(statement);

    /// <summary>The open transaction of the current write.</summary>
    public SqliteTransaction Transaction =>
        _transaction ?? throw new InvalidOperationException("Commands of the writer run only inside WriteAsync.");

    private T WriteLocked<T>(Func<SqliteWriter, T> write)
    {
        using SqliteTransaction transaction = _commands.Connection.BeginTransaction(deferred: false);
        _transaction = transaction;
        try
        {
            T result = write(this);
            transaction.Commit();
            return result;
        }
        catch
        {
            // Rollback may itself fail if SQLite already rolled back (for example after an I/O error); the first
            // exception is the one that explains what happened.
            try
            {
                transaction.Rollback();
            }
            catch (SqliteException)
            {
            }
            catch (InvalidOperationException)
            {
            }

            throw;
        }
        finally
        {
            _transaction = null;
        }
    }

    public void Dispose()
    {
        _lock.Wait();
        try
        {
            _disposed = true;
            _commands.Dispose();
        }
        finally
        {
            _lock.Release();
        }
    }
}
