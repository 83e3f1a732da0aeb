using System.Globalization;
using DurableAgents.Converters;
using DurableAgents.History;
using DurableAgents.Protocol;
using Microsoft.DurableTask.Client;

namespace DurableAgents.Benchmarks.Engine;

/// <summary>
/// The real path of the standard workloads (README.md) in three processes: a sidecar process (SQLite file in <c>directory</c>, durable
/// commits as configured), a worker process connected to it over gRPC (ours or the official one, see
/// <see cref="WorkerChoice"/>), and this process as the gRPC client (the official one, with the camelCase JSON the
/// benchmark worker reads).
/// </summary>
internal sealed class EngineCluster : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly ChildProcess _sidecar;
    private readonly ChildProcess _worker;

    private readonly SidecarConnection _connection;

    private EngineCluster(ChildProcess sidecar, ChildProcess worker, SidecarConnection connection, string databasePath)
    {
        _sidecar = sidecar;
        _worker = worker;
        _connection = connection;
        Client = connection.CreateDurableTaskClient(WebJsonDataConverter.Default, name: "benchmarks");
        History = new SidecarHistoryReader(connection);
        DatabasePath = databasePath;
    }

    /// <summary>The official client connected to the sidecar.</summary>
    public DurableTaskClient Client { get; }

    /// <summary>Reads histories from the sidecar as the engine's records.</summary>
    public IInstanceHistoryReader History { get; }

    /// <summary>The sidecar process's id.</summary>
    public int SidecarProcessId => _sidecar.Id;

    /// <summary>The worker process's id.</summary>
    public int WorkerProcessId => _worker.Id;

    /// <summary>The sidecar's SQLite file.</summary>
    public string DatabasePath { get; }

    /// <summary>Starts the sidecar, then the worker (ours unless <paramref name="worker"/> says otherwise), and returns once the worker has connected.</summary>
    /// <param name="directory">Where the SQLite file goes.</param>
    /// <param name="synchronous">SQLite's synchronous mode.</param>
    /// <param name="worker">Which worker runs the tasks.</param>
    /// <param name="dynamoDbUrl">When set, the sidecar uses the DynamoDB store on this endpoint (e.g. DynamoDB Local) instead of SQLite.</param>
    public static async Task<EngineCluster> StartAsync(string directory, string synchronous = "Full", WorkerChoice? worker = null, string? dynamoDbUrl = null)
    {
        WorkerChoice choice = worker ?? WorkerChoice.Ours;
        Directory.CreateDirectory(directory);
        string database = Path.Combine(directory, "taskhub.db");
        string[] sidecarArguments = dynamoDbUrl is null
            ? ["sidecar", "--db", database, "--synchronous", synchronous]
            : ["sidecar", "--db", database, "--synchronous", synchronous, "--dynamodb", dynamoDbUrl];
        (ChildProcess sidecar, string details) = await ChildProcess.StartAsync("sidecar", sidecarArguments, StartTimeout);
        ChildProcess? workerProcess = null;
        try
        {
            string address = details.StartsWith("grpc=", StringComparison.Ordinal)
                ? details["grpc=".Length..]
                : throw new InvalidOperationException($"The sidecar process announced '{details}' instead of its gRPC address.");
            (workerProcess, _) = await ChildProcess.StartAsync(choice.Command, [choice.Command, "--address", address], StartTimeout);
            var cluster = new EngineCluster(sidecar, workerProcess, SidecarConnection.Open(address), database);
            await cluster.WaitForWorkerAsync();
            return cluster;
        }
        catch
        {
            if (workerProcess is not null)
            {
                await workerProcess.DisposeAsync();
            }

            await sidecar.DisposeAsync();
            throw;
        }
    }

    /// <summary>The engine's counters in the sidecar process and both processes' allocation and GC figures.</summary>
    public async Task<SidecarStats> ReadStatsAsync()
    {
        Dictionary<string, long> sidecar = Parse(await _sidecar.RequestAsync("stats", StartTimeout));
        Dictionary<string, long> worker = Parse(await _worker.RequestAsync("stats", StartTimeout));
        return new SidecarStats(
            sidecar["commits"], sidecar["requests"], (int)sidecar["workers"],
            sidecar["allocated"], sidecar["gcPauseMs"], worker["allocated"], worker["gcPauseMs"],
            sidecar.GetValueOrDefault("ddbRequests"), sidecar.GetValueOrDefault("ddbWriteMilliUnits"), sidecar.GetValueOrDefault("ddbReadMilliUnits"));
    }

    /// <summary>Starts the allocation profile afresh in both processes (when DURABLEAGENTS_BENCH_ALLOCS is set).</summary>
    public async Task ResetAllocationProfilesAsync()
    {
        await _sidecar.RequestAsync("reset-allocations", StartTimeout);
        await _worker.RequestAsync("reset-allocations", StartTimeout);
    }

    /// <summary>CPU time and peak RSS of both processes so far.</summary>
    public ProcessFigures Figures() => new(
        _sidecar.CpuTime, _worker.CpuTime, _sidecar.PeakResidentBytes ?? 0, _worker.PeakResidentBytes ?? 0);

    /// <summary>Bytes of the SQLite database with its write-ahead log.</summary>
    public long DatabaseBytes() =>
        new[] { DatabasePath, DatabasePath + "-wal" }.Where(File.Exists).Sum(p => new FileInfo(p).Length);

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        await Client.DisposeAsync();
        _connection.Dispose();
        await _worker.DisposeAsync();
        await _sidecar.DisposeAsync();
    }

    /// <summary>Deletes a workload's directory; a file a stopping child still holds is left to the OS's temp cleanup.</summary>
    public static void TryDeleteDirectory(string directory)
    {
        try
        {
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static Dictionary<string, long> Parse(string statsLine) =>
        statsLine.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1)
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => long.Parse(pair[1], CultureInfo.InvariantCulture), StringComparer.Ordinal);

    private async Task WaitForWorkerAsync()
    {
        using var deadline = new CancellationTokenSource(StartTimeout);
        while ((await ReadStatsAsync()).Workers == 0)
        {
            // Polls the sidecar's own counter; the worker connects in the background.
            await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
        }
    }
}
