using System.Collections.Concurrent;

namespace DurableAgents.Storage.Sqlite.Connections;

/// <summary>
/// Read-only connections for queries. WAL lets each read a consistent snapshot while the writer commits, so
/// queries never wait for the writer; connections (and their prepared commands) are kept for reuse.
/// </summary>
internal sealed class ReadConnectionPool : IDisposable
{
    private readonly SqliteConnectionFactory _factory;
    private readonly ConcurrentBag<CommandCache> _idle = [];
    private readonly SemaphoreSlim _slots;
    private bool _disposed;

    public ReadConnectionPool(SqliteConnectionFactory factory, int maxConnections)
    {
        _factory = factory;
        _slots = new SemaphoreSlim(maxConnections, maxConnections);
    }

    /// <summary>Runs <paramref name="read"/> on a pooled connection; at most the configured number run at once.</summary>
    public async Task<T> ReadAsync<T>(Func<CommandCache, T> read, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_idle.TryTake(out CommandCache? connection))
            {
                connection = new CommandCache(_factory.OpenReader());
            }

            try
            {
                T result = read(connection);
                if (_disposed)
                {
                    // The pool closed while this read ran; nobody would close a connection returned now.
                    connection.Dispose();
                }
                else
                {
                    _idle.Add(connection);
                }

                return result;
            }
            catch
            {
                // A failed read may leave a statement mid-step; a fresh connection next time is the safe choice.
                connection.Dispose();
                throw;
            }
        }
        finally
        {
            _slots.Release();
        }
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out CommandCache? connection))
        {
            connection.Dispose();
        }

        // The semaphore is not disposed: reads still running release their slot after this point.
    }
}
