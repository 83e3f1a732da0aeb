using System.Diagnostics;
using System.Globalization;
using DurableAgents.Storage.Sqlite;
using DurableAgents.Storage.Sqlite.Connections;
using DurableAgents.TaskHub.Storage;
using Microsoft.Data.Sqlite;

namespace DurableAgents.Benchmarks.Workloads;

/// <summary>
/// The standard workload "commit-limit" (README.md): the durable commit rate of the disk through SQLite, with the connection set up
/// exactly as the SQLite task hub store sets up its writer (WAL, synchronous as configured, default Full).
/// Measures, each as the median of several timed runs: the reference (a 64-byte overwrite + fsync of a plain
/// file on the same disk), single-row transactions (commits/s), 64-row transactions (rows/s), and the store
/// itself committing hello5 activity steps one per commit and 32 per commit (steps/s; a step is one activity
/// result plus the episode that consumes it, so an engine's activities/s divided by it says how close the engine
/// runs to the store's limit).
/// </summary>
public sealed class CommitLimitWorkload : IBenchmarkWorkload
{
    private const int StepInstances = 2_000;

    /// <inheritdoc/>
    public string Name => "commit-limit";

    /// <inheritdoc/>
    public string Description =>
        "durable SQLite commits/s, rows/s in 64-row transactions and store steps/s vs fsync/s (--short; --runs N; --seconds S; --synchronous Full|Normal|Extra; --checkpoint-pages N; --dir PATH)";

    /// <inheritdoc/>
    public async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        bool isShort = Statistics.HasFlag(args, "--short");
        int runs = Math.Max(3, Statistics.IntOption(args, "--runs", isShort ? 3 : 5));
        TimeSpan duration = TimeSpan.FromSeconds(Statistics.IntOption(args, "--seconds", isShort ? 1 : 3));
        SqliteSynchronousMode synchronous = Enum.Parse<SqliteSynchronousMode>(StringOption(args, "--synchronous") ?? nameof(SqliteSynchronousMode.Full), ignoreCase: true);
        int checkpointPages = Statistics.IntOption(args, "--checkpoint-pages", new SqliteTaskHubStoreOptions().WalAutoCheckpointPages);
        string parent = StringOption(args, "--dir") ?? Path.GetTempPath();
        string directory = Path.Combine(parent, "durableagents-commit-limit-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        Directory.CreateDirectory(directory);
        try
        {
            return await RunInAsync(directory, new SqliteTaskHubStoreOptions { Synchronous = synchronous, WalAutoCheckpointPages = checkpointPages }, runs, duration);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<int> RunInAsync(string directory, SqliteTaskHubStoreOptions settings, int runs, TimeSpan duration)
    {
        using SqliteConnection rows = new SqliteConnectionFactory(WithFile(settings, Path.Combine(directory, "rows.db"))).OpenWriter();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"commit-limit: SQLite {rows.ServerVersion}, WAL, synchronous={settings.Synchronous}, wal_autocheckpoint={settings.WalAutoCheckpointPages}, files in {directory}; {runs} interleaved runs of {duration.TotalSeconds:F0} s per measure, median shown; {Environment.ProcessorCount} cores, .NET {Environment.Version}"));
        Console.WriteLine();

        Execute(rows, "CREATE TABLE IF NOT EXISTS commit_limit (id INTEGER PRIMARY KEY, value TEXT NOT NULL);");
        await using var store = new SqliteTaskHubStore(WithFile(settings, Path.Combine(directory, "taskhub.db")));
        await store.InitializeAsync(CancellationToken.None);
        var steps = new CommitLimitSteps(StepInstances);
        Check(await store.CommitAsync(steps.Start(), CancellationToken.None));
        string fsyncFile = Path.Combine(directory, "fsync.bin");
        (string Name, string Unit, Func<Task<double>> Run)[] measures =
        [
            ("fsync of a 64-byte overwrite (reference)", "fsyncs/s", () => Task.FromResult(FsyncRate(fsyncFile, duration))),
            ("SQLite transaction of 1 small row", "commits/s", () => Task.FromResult(RowRate(rows, 1, duration))),
            ("SQLite transactions of 64 small rows", "rows/s", () => Task.FromResult(RowRate(rows, 64, duration))),
            ("store: 1 activity step per commit (2 requests)", "steps/s", () => StepRate(store, steps, 1, duration)),
            ("store: 32 activity steps per commit (64 requests)", "steps/s", () => StepRate(store, steps, 32, duration)),
        ];

        // Runs interleave the measures, so a burst of disk contention from elsewhere hits all of them alike and
        // the ratios to the reference stay meaningful on a shared machine.
        var results = measures.Select(_ => new List<double>(runs)).ToArray();
        for (int run = 0; run < runs; run++)
        {
            for (int m = 0; m < measures.Length; m++)
            {
                results[m].Add(await measures[m].Run());
            }
        }

        var table = measures.Select((m, i) => new Measure(m.Name, m.Unit, Statistics.Median(results[i]), results[i].Min(), results[i].Max())).ToList();
        double reference = table[0].Median;
        Console.WriteLine("| measure | median | min..max | unit | / fsyncs/s |");
        Console.WriteLine("|---|---:|---:|---|---:|");
        foreach (Measure measure in table)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {measure.Name} | {measure.Median:N0} | {measure.Min:N0}..{measure.Max:N0} | {measure.Unit} | {measure.Median / reference:F2} |"));
        }

        return 0;
    }

    private static SqliteTaskHubStoreOptions WithFile(SqliteTaskHubStoreOptions settings, string path) => new()
    {
        DataSource = path,
        Synchronous = settings.Synchronous,
        WalAutoCheckpointPages = settings.WalAutoCheckpointPages,
    };

    private static double FsyncRate(string path, TimeSpan duration)
    {
        byte[] block = new byte[64];
        using var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 0);
        file.Write(block);
        file.Flush(flushToDisk: true);
        return Rate(duration, () =>
        {
            block[0]++;
            file.Position = 0;
            file.Write(block);
            file.Flush(flushToDisk: true);
            return 1;
        });
    }

    private static double RowRate(SqliteConnection connection, int rowsPerTransaction, TimeSpan duration)
    {
        using SqliteCommand insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO commit_limit (value) VALUES ($value);";
        SqliteParameter value = insert.Parameters.Add("$value", SqliteType.Text);
        value.Value = "hello";
        insert.Prepare();
        return Rate(duration, () =>
        {
            using SqliteTransaction transaction = connection.BeginTransaction(deferred: false);
            insert.Transaction = transaction;
            for (int i = 0; i < rowsPerTransaction; i++)
            {
                value.Value = "Hello, Tokyo!";
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
            return rowsPerTransaction;
        });
    }

    private static async Task<double> StepRate(SqliteTaskHubStore store, CommitLimitSteps steps, int stepsPerCommit, TimeSpan duration)
    {
        var batch = new List<CommitRequest>(stepsPerCommit * 2);
        long done = 0;
        long start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(start) < duration)
        {
            batch.Clear();
            for (int i = 0; i < stepsPerCommit; i++)
            {
                steps.AddStep(batch);
            }

            Check(await store.CommitAsync(batch, CancellationToken.None));
            done += stepsPerCommit;
        }

        return done / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static double Rate(TimeSpan duration, Func<int> operation)
    {
        long done = 0;
        long start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(start) < duration)
        {
            done += operation();
        }

        return done / Stopwatch.GetElapsedTime(start).TotalSeconds;
    }

    private static void Check(IReadOnlyList<CommitOutcome> outcomes)
    {
        foreach (CommitOutcome outcome in outcomes)
        {
            if (!outcome.Committed)
            {
                throw new InvalidOperationException($"A benchmark request was not committed: {outcome.FailedCondition} did not hold.");
            }
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static string? StringOption(string[] args, string option)
    {
        int index = Array.FindIndex(args, a => string.Equals(a, option, StringComparison.OrdinalIgnoreCase));
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    private sealed record Measure(string Name, string Unit, double Median, double Min, double Max);
}
