using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DurableAgents.Benchmarks.Engine;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace DurableAgents.Benchmarks.Workloads;

/// <summary>
/// The standard workload "approval" (README.md): N orchestrations each wait for an external event; once all wait, every event is raised at
/// once and each instance's latency from its raise call to its completion (seen by a held completion wait) is measured.
/// Separate sidecar, worker and client processes, durable commits; p50/p99 are medians over the runs.
/// <c>--worker official</c> runs the official Microsoft.DurableTask worker in the worker process instead of ours.
/// </summary>
public sealed class ApprovalWorkload : IBenchmarkWorkload
{
    private static readonly string WaitingStatus = JsonSerializer.Serialize(BenchmarkTasks.ApprovalWaitingStatus);

    /// <inheritdoc/>
    public string Name => "approval";

    /// <inheritdoc/>
    public string Description =>
        "500 orchestrations wait for an event; all raised at once; p50/p99 raise-to-completion (--short: 50, 1 run; --runs N; --count N; --synchronous Full|Normal; --worker ours|official; --dir PATH)";

    /// <inheritdoc/>
    public async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        bool isShort = Statistics.HasFlag(args, "--short");
        int count = Statistics.IntOption(args, "--count", isShort ? 50 : 500);
        int runs = isShort ? 1 : Math.Max(3, Statistics.IntOption(args, "--runs", 3));
        string synchronous = CommandLine.Option(args, "--synchronous") ?? "Full";
        WorkerChoice worker = WorkerChoice.Parse(args);
        string root = Path.Combine(CommandLine.Option(args, "--dir") ?? Path.GetTempPath(),
            "durableagents-approval-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        try
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"approval: {count:N0} waiting orchestrations, {runs} run(s), synchronous={synchronous}, worker={worker.Description}, {Environment.ProcessorCount} cores, .NET {Environment.Version}"));
            Console.WriteLine();
            Console.WriteLine("| run | worker | p50 ms | p99 ms | all done ms | sidecar peak MiB | worker peak MiB |");
            Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
            var results = new List<double[]>(runs);
            for (int run = 1; run <= runs; run++)
            {
                double[] figures = await RunOnceAsync(Path.Combine(root, $"run-{run}"), count, synchronous, worker);
                results.Add(figures);
                Console.WriteLine(Row(run.ToString(CultureInfo.InvariantCulture), worker.Name, figures));
            }

            Console.WriteLine(Row("median", worker.Name, [.. Enumerable.Range(0, results[0].Length).Select(i => Statistics.Median(results.Select(r => r[i])))]));
            return 0;
        }
        finally
        {
            EngineCluster.TryDeleteDirectory(root);
        }
    }

    private static string Row(string label, string worker, double[] f) => string.Create(CultureInfo.InvariantCulture,
        $"| {label} | {worker} | {f[0]:N1} | {f[1]:N1} | {f[2]:N0} | {f[3]:N0} | {f[4]:N0} |");

    private static async Task<double[]> RunOnceAsync(string directory, int count, string synchronous, WorkerChoice worker)
    {
        await using EngineCluster cluster = await EngineCluster.StartAsync(directory, synchronous, worker);
        DurableTaskClient client = cluster.Client;

        // A warm-up round (not timed) lets the JIT settle in all three processes.
        await RaiseAllAsync(client, await StartWaitingAsync(client, "approval-warmup", Math.Min(count, 50)));
        string[] ids = await StartWaitingAsync(client, "approval", count);
        long start = Stopwatch.GetTimestamp();
        double[] latencies = await RaiseAllAsync(client, ids);
        double allDone = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        ProcessFigures figures = cluster.Figures();
        return [Percentiles.Of(latencies, 50), Percentiles.Of(latencies, 99), allDone, figures.SidecarPeakBytes / 1048576.0, figures.WorkerPeakBytes / 1048576.0];
    }

    private static async Task<string[]> StartWaitingAsync(DurableTaskClient client, string prefix, int count)
    {
        string[] ids = [.. Enumerable.Range(0, count).Select(i => $"{prefix}-{i:D5}")];
        await Task.WhenAll(ids.Select(id => client.ScheduleNewOrchestrationInstanceAsync(BenchmarkTasks.Approval, null, new StartOrchestrationOptions(id))));

        // Every instance must have run its first episode (custom status set, event awaited) before the clock starts.
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        while (await CountWaitingAsync(client, prefix + "-") < count)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), deadline.Token);
        }

        return ids;
    }

    private static async Task<int> CountWaitingAsync(DurableTaskClient client, string prefix)
    {
        int waiting = 0;
        var query = new OrchestrationQuery { InstanceIdPrefix = prefix, FetchInputsAndOutputs = true, PageSize = 1000 };
        await foreach (OrchestrationMetadata instance in client.GetAllInstancesAsync(query))
        {
            if (instance.SerializedCustomStatus == WaitingStatus)
            {
                waiting++;
            }
        }

        return waiting;
    }

    private static async Task<double[]> RaiseAllAsync(DurableTaskClient client, string[] ids)
    {
        // The completion waits are held before any event is raised, so a completion is seen as soon as it commits.
        Task<(OrchestrationMetadata Instance, long At)>[] completions = [.. ids.Select(async id =>
        {
            OrchestrationMetadata done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);
            return (done, Stopwatch.GetTimestamp());
        })];
        Task<long>[] raises = [.. ids.Select(async id =>
        {
            long raised = Stopwatch.GetTimestamp();
            await client.RaiseEventAsync(id, BenchmarkTasks.ApprovalEvent, "benchmark");
            return raised;
        })];
        var latencies = new double[ids.Length];
        for (int i = 0; i < ids.Length; i++)
        {
            (OrchestrationMetadata done, long completedAt) = await completions[i];
            latencies[i] = Stopwatch.GetElapsedTime(await raises[i], completedAt).TotalMilliseconds;
            OrchestrationBatch.ExpectOutput(done, "approved by benchmark");
        }

        return latencies;
    }
}
