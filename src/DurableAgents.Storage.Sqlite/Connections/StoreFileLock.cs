namespace DurableAgents.Storage.Sqlite.Connections;

/// <summary>
/// An exclusive operating-system lock on a file beside the database (<c>&lt;database&gt;.lock</c>), held for the store's
/// lifetime, so a second store on the same database - in another process or this one - fails to open.
/// </summary>
/// <remarks>
/// SQLite's own locks cannot do this: in WAL mode readers and a writer share the file by design, and
/// <c>locking_mode=EXCLUSIVE</c> would also shut out this store's own read connections. The lock is released when the
/// store is disposed or the process dies (the operating system drops it), so a crash never leaves the file locked.
/// The lock file itself is left in place: deleting it on close would let two later stores lock two different files
/// under the same name.
/// </remarks>
internal sealed class StoreFileLock : IDisposable
{
    private readonly FileStream _stream;

    private StoreFileLock(FileStream stream)
    {
        _stream = stream;
    }

    /// <summary>The lock file's path for a database file.</summary>
    public static string PathFor(string databasePath) => databasePath + ".lock";

    /// <summary>Takes the lock for <paramref name="databasePath"/>; its directory is created when missing.</summary>
    /// <exception cref="SqliteTaskHubInUseException">Another store holds the lock.</exception>
    public static StoreFileLock Acquire(string databasePath)
    {
        string lockPath = PathFor(databasePath);
        string? directory = Path.GetDirectoryName(lockPath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        try
        {
            // FileShare.None is an exclusive lock for every other open of the file (flock on Unix, a share mode on Windows).
            return new StoreFileLock(new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
        }
        catch (IOException held) when (held is not FileNotFoundException and not DirectoryNotFoundException and not PathTooLongException)
        {
            throw new SqliteTaskHubInUseException(databasePath, lockPath, held);
        }
    }

    public void Dispose() => _stream.Dispose();
}
