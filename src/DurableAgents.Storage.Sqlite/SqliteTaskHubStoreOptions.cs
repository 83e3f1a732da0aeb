using System.ComponentModel.DataAnnotations;

namespace DurableAgents.Storage.Sqlite;

/// <summary>Settings of the SQLite task hub store (configuration section <c>TaskHub:Sqlite</c>).</summary>
public sealed class SqliteTaskHubStoreOptions : IValidatableObject
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "TaskHub:Sqlite";

    /// <summary>Path of the database file; created with its directory when missing. Ignored when <see cref="InMemory"/> is set.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DataSource { get; set; } = "durableagents.db";

    /// <summary>
    /// Keeps the database in memory, private to this store, instead of in a file: for tests and throwaway hubs. Nothing
    /// reaches the disk and everything is gone when the store is disposed; <see cref="DataSource"/>, WAL and sync
    /// settings do not apply. The store's connections share the database through SQLite's shared cache, so a reader may
    /// briefly wait for a commit in progress instead of reading beside it as it would in WAL mode.
    /// </summary>
    public bool InMemory { get; set; }

    /// <summary>Commit durability; <see cref="SqliteSynchronousMode.Full"/> (fsync per commit) unless you accept the risk described on <see cref="SqliteSynchronousMode.Normal"/>.</summary>
    public SqliteSynchronousMode Synchronous { get; set; } = SqliteSynchronousMode.Full;

    /// <summary>Page cache per connection in KiB (PRAGMA cache_size = -N).</summary>
    [Range(64, 4 * 1024 * 1024)]
    public int CacheSizeKiB { get; set; } = 16 * 1024;

    /// <summary>How long a connection waits for a lock held by another connection or process before failing.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Most read connections kept open for queries (WAL lets them read while the writer commits).</summary>
    [Range(1, 64)]
    public int MaxReadConnections { get; set; } = 4;

    /// <summary>WAL size in pages after which a commit checkpoints it into the database (PRAGMA wal_autocheckpoint).</summary>
    [Range(0, 1_000_000)]
    public int WalAutoCheckpointPages { get; set; } = 1000;

    /// <summary>Bytes of the database file to memory-map for reads (PRAGMA mmap_size); 0 turns it off.</summary>
    [Range(0L, long.MaxValue)]
    public long MemoryMapSizeBytes { get; set; }

    /// <inheritdoc/>
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        // WAL needs a file: an in-memory database named here would be private to the writer and invisible to the
        // readers. InMemory sets up the shared in-memory database the store's connections can all see.
        if (!InMemory && DataSource.Trim().Equals(":memory:", StringComparison.OrdinalIgnoreCase) ||
            DataSource.Contains("mode=memory", StringComparison.OrdinalIgnoreCase))
        {
            yield return new ValidationResult(
                $"{nameof(DataSource)} must be a file path; the SQLite task hub store does not run in memory. " +
                $"For a throwaway hub, set {nameof(InMemory)} or use a file in a temporary directory.",
                [nameof(DataSource)]);
        }
    }
}
