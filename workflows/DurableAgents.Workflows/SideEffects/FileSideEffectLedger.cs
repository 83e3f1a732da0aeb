using System.Text;
using System.Text.Json;

namespace DurableAgents.Workflows.SideEffects;

/// <summary>
/// A ledger kept in a JSON Lines file (one entry per line), so idempotency survives a process restart: the file is
/// read when the ledger is created and each new entry is appended and flushed to disk before the call returns.
/// Meant for one process; several processes must not share a file.
/// </summary>
public sealed class FileSideEffectLedger : ISideEffectLedger, IDisposable
{
    private static readonly JsonSerializerOptions SerializerOptions = new(JsonSerializerDefaults.Web);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly LedgerIndex _index = new();
    private readonly string _path;
    private readonly TimeProvider _timeProvider;

    /// <summary>Opens (or creates) the ledger file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">A line of the file is not a ledger entry.</exception>
    public FileSideEffectLedger(string path, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _path = Path.GetFullPath(path);
        _timeProvider = timeProvider ?? TimeProvider.System;
        string? directory = Path.GetDirectoryName(_path);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        if (File.Exists(_path))
        {
            Load();
        }
    }

    /// <inheritdoc/>
    public async Task<LedgerEntry> RecordOnceAsync(
        string idempotencyKey, string operation, string subject, string? details = null, CancellationToken cancellationToken = default)
    {
        LedgerIndex.Validate(idempotencyKey, operation, subject);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            LedgerEntry? existing = _index.Find(idempotencyKey, operation);
            if (existing is not null)
            {
                return existing;
            }

            var entry = new LedgerEntry(_index.NextSequence, idempotencyKey, operation, subject, details, _timeProvider.GetUtcNow());
            byte[] line = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(entry, SerializerOptions) + "\n");
            var stream = new FileStream(_path, FileMode.Append, FileAccess.Write, FileShare.Read);
            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync(line, cancellationToken).ConfigureAwait(false);
                stream.Flush(flushToDisk: true);
            }

            // Only after the entry is on disk: a crash before this point leaves no trace, and the redelivery records it.
            _index.Add(entry);
            return entry;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public async Task<IReadOnlyList<LedgerEntry>> GetEntriesAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _index.Snapshot();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _gate.Dispose();

    private void Load()
    {
        string text = File.ReadAllText(_path, Encoding.UTF8);

        // A line without its newline was cut short by a crash during the append; its call never returned, so the
        // redelivered activity records it again. Everything up to the last newline was acknowledged.
        int end = text.LastIndexOf('\n');
        string[] lines = end < 0 ? [] : text[..end].Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            LedgerEntry? entry;
            try
            {
                entry = JsonSerializer.Deserialize<LedgerEntry>(lines[i], SerializerOptions);
            }
            catch (JsonException exception)
            {
                throw new InvalidDataException(
                    $"Line {i + 1} of the side-effect ledger '{_path}' is not a ledger entry: {exception.Message} "
                    + "Repair or move the file (Workflows:LedgerPath).", exception);
            }

            _index.Add(entry ?? throw new InvalidDataException($"Line {i + 1} of the side-effect ledger '{_path}' is JSON null."));
        }

        if (end != text.Length - 1)
        {
            // Drop the cut-short tail so the next append starts on a fresh line.
            using var stream = new FileStream(_path, FileMode.Open, FileAccess.Write, FileShare.Read);
            stream.SetLength(Encoding.UTF8.GetByteCount(text.AsSpan(0, end + 1)));
        }
    }
}
