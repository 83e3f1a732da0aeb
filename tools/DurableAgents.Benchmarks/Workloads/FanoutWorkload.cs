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
/// <c>--worker official</c> runs the official Microsoft.DurableTask worker in the worker process instead of ours.
/// </summary>
public sealed class FanoutWorkload : IBenchmarkWorkload
{
    private const int WarmUpCount = 200;

    /// <inheritdoc/>
    public string Name => "fanout";

    /// <inheritdoc/>
    public string Description =>
        "1 orchestration fans out 10,000 activities and sums them (--short: 1,000, 1 run; --runs N; --count N; --synchronous Full|Normal; --worker ours|official; --dir PATH)";

    /// <inheritdoc/>
    public async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        bool isShort = Statistics.HasFlag(args, "--short");
        int count = Statistics.IntOption(args, "--count", isShort ? 1_000 : 10_000);
        int runs = isShort ? 1 : Math.Max(3, Statistics.IntOption(args, "--runs", 3));
        string synchronous = CommandLine.Option(args, "--synchronous") ?? "Full";
        WorkerChoice worker = WorkerChoice.Parse(args);
        string root = Path.Combine(CommandLine.Option(args, "--dir") ?? Path.GetTempPath(),
            "durableagents-fanout-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        try
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"fanout: 1 orchestration x {count:N0} activities, {runs} run(s), synchronous={synchronous}, worker={worker.Description}, {Environment.ProcessorCount} cores, .NET {Environment.Version}"));
            Console.WriteLine();
            Console.WriteLine("| run | worker | wall s | activities/s | history events | history JSON bytes | SQLite growth bytes | sidecar CPU s | worker CPU s | sidecar peak MiB | worker peak MiB |");
            Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            var results = new List<FanoutFigures>(runs);
            for (int run = 1; run <= runs; run++)
            {
                FanoutFigures figures = await RunOnceAsync(Path.Combine(root, $"run-{run}"), count, synchronous, worker);
                results.Add(figures);
                Console.WriteLine(figures.ToRow(run.ToString(CultureInfo.InvariantCulture), worker.Name));
            }

            Console.WriteLine(FanoutFigures.Median(results).ToRow("median", worker.Name));
            return 0;
        }
        finally
        {
            EngineCluster.TryDeleteDirectory(root);
        }
    }

    private static async Task<FanoutFigures> RunOnceAsync(string directory, int count, string synchronous, WorkerChoice worker)
    {
        await using EngineCluster cluster = await EngineCluster.StartAsync(directory, synchronous, worker);
        await RunFanoutAsync(cluster.Client, "fanout-warmup", WarmUpCount);

        long bytesBefore = cluster.DatabaseBytes();
        ProcessFigures before = cluster.Figures();
        long start = Stopwatch.GetTimestamp();
        await RunFanoutAsync(cluster.Client, "fanout", count);
        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        ProcessFigures after = cluster.Figures();
        long growth = cluster.DatabaseBytes() - bytesBefore;

        IReadOnlyList<HistoryEvent> history = await cluster.History.GetHistoryAsync("fanout");
        long jsonBytes = System.Text.Encoding.UTF8.GetByteCount(HistoryJson.SerializeHistory(history));
        return new FanoutFigures(
            elapsed.TotalSeconds,
            count / elapsed.TotalSeconds,
            history.Count,
            jsonBytes,
            growth,
            (after.SidecarCpu - before.SidecarCpu).TotalSeconds,
            (after.WorkerCpu - before.WorkerCpu).TotalSeconds,
            after.SidecarPeakBytes / 1048576.0,
            after.WorkerPeakBytes / 1048576.0);
    }

    private static async Task RunFanoutAsync(DurableTaskClient client, string instanceId, int count)
    {
        long expected = (long)count * (count - 1) / 2;
        await client.ScheduleNewOrchestrationInstanceAsync(BenchmarkTasks.Fanout, count, new StartOrchestrationOptions(instanceId));
        OrchestrationMetadata done = await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true);
        OrchestrationBatch.ExpectOutput(done, expected);
    }
}
