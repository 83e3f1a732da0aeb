using System.Text;

namespace DurableAgents.Benchmarks.Engine;

/// <summary>
/// An append-only file of idempotency keys, one per line, written before an activity reports its result: the side
/// effect a crash test counts. Each line goes to the operating system in one write, so a killed process leaves at
/// most its last line incomplete (readers skip a line without its newline).
/// </summary>
public sealed class SideEffectLedger : IDisposable
{
    private readonly object _gate = new();
    private readonly FileStream _file;

    /// <summary>Opens (or creates) the ledger at <paramref name="path"/> for appending.</summary>
    public SideEffectLedger(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _file = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.ReadWrite, bufferSize: 0);
    }

    /// <summary>Appends <paramref name="key"/>; returns once the line is in the operating system's hands.</summary>
    public void Record(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        byte[] line = Encoding.UTF8.GetBytes(key + "\n");
        lock (_gate)
        {
            _file.Write(line);
        }
    }

    /// <summary>Every complete line of the ledger files in <paramref name="directory"/> matching <paramref name="pattern"/>.</summary>
    public static List<string> ReadAll(string directory, string pattern = "*.ledger")
    {
        var keys = new List<string>();
        foreach (string path in Directory.GetFiles(directory, pattern))
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            string text = reader.ReadToEnd();
            int end = text.LastIndexOf('\n');
            if (end >= 0)
            {
                keys.AddRange(text[..end].Split('\n'));
            }
        }

        return keys;
    }

    /// <inheritdoc/>
    public void Dispose() => _file.Dispose();
}
