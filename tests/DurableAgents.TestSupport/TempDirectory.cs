namespace DurableAgents.TestSupport;

/// <summary>A fresh folder under the system temp path for one test's files (SQLite databases, logs); deleted on dispose.</summary>
public sealed class TempDirectory : IDisposable
{
    /// <summary>Creates the folder, named after <paramref name="purpose"/> so a leftover one is easy to place.</summary>
    public TempDirectory(string purpose = "test")
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"durableagents-{purpose}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path);
    }

    /// <summary>The folder's full path.</summary>
    public string Path { get; }

    /// <summary>A file path inside the folder.</summary>
    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <inheritdoc/>
    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // A file still held open by a stopping host or a pooled connection; the OS cleans temp folders.
        }
    }
}
