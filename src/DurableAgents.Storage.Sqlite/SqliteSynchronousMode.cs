namespace DurableAgents.Storage.Sqlite;

/// <summary>How hard SQLite syncs the write-ahead log to disk on commit (PRAGMA synchronous).</summary>
public enum SqliteSynchronousMode
{
    /// <summary>
    /// WAL is synced at checkpoints only, not at every commit. The database never corrupts, but a power loss or
    /// operating-system crash can roll back the most recent commits: orchestration steps the engine already
    /// reported as done may run again (activities at least once still holds; an orchestration step may repeat).
    /// A process crash alone loses nothing.
    /// </summary>
    Normal = 1,

    /// <summary>The WAL is synced (fsync) on every commit: a commit that returned survives a power loss. The default.</summary>
    Full = 2,

    /// <summary>As <see cref="Full"/>, and the directory is synced too after the WAL is reset or deleted.</summary>
    Extra = 3,
}
