using System.Globalization;
using DurableAgents.Converters;
using DurableAgents.Protocol;
using Microsoft.DurableTask.Client;

namespace DurableAgents.Benchmarks.Engine;

/// <summary>One sidecar process of a <see cref="SharedTableCluster"/>, its worker process and the official client connected to it.</summary>
internal sealed class SharedTableMember : IAsyncDisposable
{
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(60);

    private readonly ChildProcess _sidecar;
    private readonly ChildProcess _worker;
    private readonly SidecarConnection _connection;

    public SharedTableMember(string owner, ChildProcess sidecar, ChildProcess worker, SidecarConnection connection)
    {
        Owner = owner;
        _sidecar = sidecar;
        _worker = worker;
        _connection = connection;
        Client = connection.CreateDurableTaskClient(WebJsonDataConverter.Default, name: owner);
    }

    /// <summary>The sidecar's owner id on the table.</summary>
    public string Owner { get; }

    /// <summary>The official client, talking to this sidecar only.</summary>
    public DurableTaskClient Client { get; }

    /// <summary>The hub's partition count and the partitions this sidecar's engine owns now.</summary>
    public async Task<(int Count, IReadOnlySet<int> Owned)> ReadPartitionsAsync()
    {
        // "PARTITIONS count=16 owned=0,3,5"
        Dictionary<string, string> values = (await _sidecar.RequestAsync("partitions", AnswerTimeout))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair.Length > 1 ? pair[1] : string.Empty, StringComparer.Ordinal);
        int count = int.Parse(values["count"], CultureInfo.InvariantCulture);
        HashSet<int> owned = [.. values["owned"].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => int.Parse(p, CultureInfo.InvariantCulture))];
        return (count, owned);
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        _connection.Dispose();
        await _worker.DisposeAsync();
        await _sidecar.DisposeAsync();
    }
}
