using System.Diagnostics;
using System.Globalization;
using DurableAgents.Benchmarks.Engine;

namespace DurableAgents.Benchmarks.Workloads;

/// <summary>
/// The standard workload "hello5" (README.md): N orchestrations started at once, each calling five trivial activities in sequence, over the
/// real path (client process -> sidecar process over gRPC -> SQLite with durable commits -> worker process over gRPC).
/// Each run uses fresh processes and a fresh database; a warm-up batch (not timed; 4 N instances, at most 8,000) first
/// lets tiered compilation settle: with a short warm-up the JIT still takes about a third of the CPU of the timed part. Reports
/// orchestrations/s, activities/s, p50/p99 start-to-completion latency, peak RSS, store commits/s and CPU seconds per
/// process, and the ratio of activities/s to the commit-limit reference measured in the same run. <c>--worker official</c>
/// runs the official Microsoft.DurableTask worker in the worker process instead of ours (same tasks, same sidecar and client).
/// </summary>
public sealed class Hello5Workload : IBenchmarkWorkload
{
    private const int ActivitiesPerOrchestration = 5;
    private const int MaxWarmUpCount = 8_000;

    /// <inheritdoc/>
    public string Name => "hello5";

    /// <inheritdoc/>
    public string Description =>
        "2,000 orchestrations x 5 sequential activities over sidecar/worker/client processes (--short: 200, 1 run; --runs N; --count N; --warmup N (default min(4 N, 8,000)); --synchronous Full|Normal; --worker ours|official; --dir PATH; --dynamodb URL: the DynamoDB store on that endpoint, e.g. a running DynamoDB Local, instead of SQLite)";

    /// <inheritdoc/>
    public async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        bool isShort = Statistics.HasFlag(args, "--short");
        int count = Statistics.IntOption(args, "--count", isShort ? 200 : 2_000);
        int runs = isShort ? 1 : Math.Max(3, Statistics.IntOption(args, "--runs", 3));
        string synchronous = CommandLine.Option(args, "--synchronous") ?? "Full";
        WorkerChoice worker = WorkerChoice.Parse(args);
        string? dynamoDb = CommandLine.Option(args, "--dynamodb");
        int warmUp = Statistics.IntOption(args, "--warmup", Math.Min(4 * count, MaxWarmUpCount));
        string root = Path.Combine(CommandLine.Option(args, "--dir") ?? Path.GetTempPath(),
            "durableagents-hello5-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        try
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"hello5: {count:N0} orchestrations x {ActivitiesPerOrchestration} activities after {warmUp:N0} untimed, {runs} run(s), store={(dynamoDb is null ? "SQLite" : "DynamoDB at " + dynamoDb)}, synchronous={synchronous}, worker={worker.Description}, {Environment.ProcessorCount} cores, .NET {Environment.Version}; files in {root}"));
            CommitReferenceFigures reference = await CommitReference.MeasureAsync(Path.Combine(root, "reference"), synchronous, isShort ? 1 : 3, TimeSpan.FromSeconds(1));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"commit-limit reference (same disk, same run): {reference.CommitsPerSecond:N0} single-row commits/s; store {reference.StoreStepsPerSecond:N0} hello5 steps/s at 32 steps per commit"));
            Console.WriteLine();
            Console.WriteLine("| run | worker | orch/s | activities/s | p50 ms | p99 ms | commits/s | requests/commit | sidecar CPU s | worker CPU s | client CPU s | sidecar KiB alloc/activity | worker KiB alloc/activity | sidecar GC pause ms | worker GC pause ms | sidecar peak MiB | worker peak MiB |");
            Console.WriteLine("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
            var results = new List<EngineRunFigures>(runs);
            var dynamoDbFigures = new List<string>();
            for (int run = 1; run <= runs; run++)
            {
                (EngineRunFigures figures, SidecarStats before, SidecarStats after) =
                    await RunOnceAsync(Path.Combine(root, $"run-{run}"), count, warmUp, synchronous, worker, dynamoDb);
                results.Add(figures);
                Console.WriteLine(figures.ToRow(run.ToString(CultureInfo.InvariantCulture), worker.Name));
                if (dynamoDb is not null)
                {
                    dynamoDbFigures.Add(DynamoDbUsageFigures.Between(before, after).Per(count, "orchestration", "run " + run.ToString(CultureInfo.InvariantCulture)));
                }
            }

            EngineRunFigures median = EngineRunFigures.Median(results);
            Console.WriteLine(median.ToRow("median", worker.Name));
            Console.WriteLine();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"activities/s / single-row commits/s = {median.ActivitiesPerSecond / reference.CommitsPerSecond:F2}; activities/s / store steps/s (32 per commit) = {median.ActivitiesPerSecond / reference.StoreStepsPerSecond:F2}"));
            foreach (string line in dynamoDbFigures)
            {
                Console.WriteLine(line);
            }
            return 0;
        }
        finally
        {
            EngineCluster.TryDeleteDirectory(root);
        }
    }

    private static async Task<(EngineRunFigures Figures, SidecarStats Before, SidecarStats After)> RunOnceAsync(
        string directory, int count, int warmUp, string synchronous, WorkerChoice worker, string? dynamoDb)
    {
        await using EngineCluster cluster = await EngineCluster.StartAsync(directory, synchronous, worker, dynamoDb);
        string expected = BenchmarkTasks.Hello5Output();
        await OrchestrationBatch.RunAsync(cluster.Client, BenchmarkTasks.Hello5, null, "warmup", warmUp, i => OrchestrationBatch.ExpectOutput(i, expected));

        await cluster.ResetAllocationProfilesAsync();
        SidecarStats before = await cluster.ReadStatsAsync();
        ProcessFigures cpuBefore = cluster.Figures();
        TimeSpan clientBefore = Process.GetCurrentProcess().TotalProcessorTime;
        // On standard error, so a profiler (e.g. perf record -p) can be attached to exactly the timed part.
        await Console.Error.WriteLineAsync($"timed batch starts: sidecar pid {cluster.SidecarProcessId}, worker pid {cluster.WorkerProcessId}");
        long start = Stopwatch.GetTimestamp();
        double[] latencies = await OrchestrationBatch.RunAsync(
            cluster.Client, BenchmarkTasks.Hello5, null, "hello5", count, i => OrchestrationBatch.ExpectOutput(i, expected));
        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        await Console.Error.WriteLineAsync("timed batch ended");
        SidecarStats after = await cluster.ReadStatsAsync();
        ProcessFigures figures = cluster.Figures();
        TimeSpan clientCpu = Process.GetCurrentProcess().TotalProcessorTime - clientBefore;
        int activities = count * ActivitiesPerOrchestration;
        return (new EngineRunFigures(
            count / elapsed.TotalSeconds,
            count * ActivitiesPerOrchestration / elapsed.TotalSeconds,
            Percentiles.Of(latencies, 50),
            Percentiles.Of(latencies, 99),
            (after.StoreCommits - before.StoreCommits) / elapsed.TotalSeconds,
            (after.CommittedRequests - before.CommittedRequests) / (double)Math.Max(1, after.StoreCommits - before.StoreCommits),
            (figures.SidecarCpu - cpuBefore.SidecarCpu).TotalSeconds,
            (figures.WorkerCpu - cpuBefore.WorkerCpu).TotalSeconds,
            clientCpu.TotalSeconds,
            (after.SidecarAllocatedBytes - before.SidecarAllocatedBytes) / 1024.0 / activities,
            (after.WorkerAllocatedBytes - before.WorkerAllocatedBytes) / 1024.0 / activities,
            after.SidecarGcPauseMs - before.SidecarGcPauseMs,
            after.WorkerGcPauseMs - before.WorkerGcPauseMs,
            figures.SidecarPeakBytes / 1048576.0,
            figures.WorkerPeakBytes / 1048576.0), before, after);
    }
}
