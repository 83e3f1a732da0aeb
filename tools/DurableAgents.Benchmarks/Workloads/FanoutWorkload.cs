using System.Diagnostics;
using System.Globalization;
using DurableAgents.Benchmarks.Engine;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using DurableAgents.History;

namespace DurableAgents.Benchmarks.Workloads;

/// <summary>
/// The standard workload "fanout" (README.md): one orchestration schedules N activities at once with Task.WhenAll and sums their results,
/// over separate sidecar, worker and client processes with durable commits. Reports wall time, activities/s, peak RSS
/// of both processes and the history's size (events, JSON bytes, and the SQLite file growth), median of the runs.
/// <c>--worker official</c> runs the official Microsoft.DurableTask worker in the worker process instead of ours;
/// <c>--dynamodb URL</c> gives the sidecar the DynamoDB store on that endpoint instead of SQLite and prints what the
/// store spent (requests, read and write units) for the timed fan-out.
/// </summary>
public sealed class FanoutWorkload : IBenchmarkWorkload
{
    private const int WarmUpCount = 200;

    /// <inheritdoc/>
    public string Name => "fanout";

    /// <inheritdoc/>
    public string Description =>
        "1 orchestration fans out 10,000 activities and sums them (--short: 1,000, 1 run; --runs N; --count N; --synchronous Full|Normal; --worker ours|official; --dir PATH; --dynamodb URL: the DynamoDB store on that endpoint, e.g. a running DynamoDB Local, instead of SQLite)";

    /// <inheritdoc/>
    public async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        bool isShort = Statistics.HasFlag(args, "--short");
        int count = Statistics.IntOption(args, "--count", isShort ? 1_000 : 10_000);
        int runs = isShort ? 1 : Math.Max(3, Statistics.IntOption(args, "--runs", 3));
        string synchronous = CommandLine.Option(args, "--synchronous") ?? "Full";
        WorkerChoice worker = WorkerChoice.Parse(args);
        string? dynamoDb = CommandLine.Option(args, "--dynamodb");
        string root = Path.Combine(CommandLine.Option(args, "--dir") ?? Path.GetTempPath(),
            "durableagents-fanout-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        try
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"fanout: 1 orchestration x {count:N0} activities, {runs} run(s), store={(dynamoDb is null ? "SQLite" : "DynamoDB at " + dynamoDb)}, synchronous={synchronous}, worker={worker.Description}, {Environment.ProcessorCount} cores, .NET {Environment.Version}"));
            Console.WriteLine();
            Console.WriteLine("| run | worker | wall s | activities/s | history events | history JSON bytes | SQLite growth bytes | sidecar CPU s | worker CPU s | sidecar peak MiB | worker peak MiB |");
            Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            var results = new List<FanoutFigures>(runs);
            var dynamoDbFigures = new List<string>();
            for (int run = 1; run <= runs; run++)
            {
                (FanoutFigures figures, DynamoDbUsageFigures usage) = await RunOnceAsync(Path.Combine(root, $"run-{run}"), count, synchronous, worker, dynamoDb);
                results.Add(figures);
                Console.WriteLine(figures.ToRow(run.ToString(CultureInfo.InvariantCulture), worker.Name));
                if (dynamoDb is not null)
                {
                    // The timed part is one orchestration, so "per orchestration" is its whole cost; per activity prices the fan-out's width.
                    string label = "run " + run.ToString(CultureInfo.InvariantCulture);
                    dynamoDbFigures.Add(usage.Per(1, "orchestration", label));
                    dynamoDbFigures.Add(usage.Per(count, "activity", label));
                }
            }

            Console.WriteLine(FanoutFigures.Median(results).ToRow("median", worker.Name));
            if (dynamoDbFigures.Count > 0)
            {
                Console.WriteLine();
                foreach (string line in dynamoDbFigures)
                {
                    Console.WriteLine(line);
                }
            }

            return 0;
        }
        finally
        {
            EngineCluster.TryDeleteDirectory(root);
        }
    }

    private static async Task<(FanoutFigures Figures, DynamoDbUsageFigures Usage)> RunOnceAsync(
        string directory, int count, string synchronous, WorkerChoice worker, string? dynamoDb)
    {
        await using EngineCluster cluster = await EngineCluster.StartAsync(directory, synchronous, worker, dynamoDb);
        await RunFanoutAsync(cluster.Client, "fanout-warmup", WarmUpCount);

        long bytesBefore = cluster.DatabaseBytes();
        SidecarStats statsBefore = await cluster.ReadStatsAsync();
        ProcessFigures before = cluster.Figures();
        long start = Stopwatch.GetTimestamp();
        await RunFanoutAsync(cluster.Client, "fanout", count);
        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        ProcessFigures after = cluster.Figures();
        SidecarStats statsAfter = await cluster.ReadStatsAsync();
        long growth = cluster.DatabaseBytes() - bytesBefore;

        IReadOnlyList<HistoryEvent> history = await cluster.History.GetHistoryAsync("fanout");
        long jsonBytes = System.Text.Encoding.UTF8.GetByteCount(HistoryJson.SerializeHistory(history));
        return (new FanoutFigures(
            elapsed.TotalSeconds,
            count / elapsed.TotalSeconds,
            history.Count,
            jsonBytes,
            growth,
            (after.SidecarCpu - before.SidecarCpu).TotalSeconds,
            (after.WorkerCpu - before.WorkerCpu).TotalSeconds,
            after.SidecarPeakBytes / 1048576.0,
            after.WorkerPeakBytes / 1048576.0), DynamoDbUsageFigures.Between(statsBefore, statsAfter));
    }

    private static async Task RunFanoutAsync(DurableTaskClient client, string instanceId, int count)
    {
        long expected = (long)count * (count - 1) / 2;
        await client.ScheduleNewOrchestrationInstanceAsync(BenchmarkTasks.Fanout, count, new StartOrchestrationOptions(instanceId));
        OrchestrationMetadata done = await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true);
        OrchestrationBatch.ExpectOutput(done, expected);
    }
}
