using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DurableAgents.History;
using DurableAgents.Replay;
using Microsoft.DurableTask;

namespace DurableAgents.Benchmarks.Workloads;

/// <summary>
/// The standard workload "replay" (README.md): full replay of recorded histories of 1k, 10k and 100k events with
/// <see cref="OrchestrationExecutor"/>, in microseconds per event (median of several runs). The reference measured in
/// the same run is a HistoryJson round trip (serialize + deserialize) of the same events: the ratio says how replay
/// compares with merely reading the history, and stays meaningful on a noisy machine. The cost per event must stay
/// flat as the history grows (total cost linear in history).
/// </summary>
public sealed class ReplayWorkload : IBenchmarkWorkload
{
    public string Name => "replay";

    public string Description => "replay recorded histories of 1k/10k/100k events; µs per event vs a HistoryJson round trip (--short: 1k/10k, one run; --runs N)";

    public Task<int> RunAsync(string[] args)
    {
        bool isShort = Statistics.HasFlag(args, "--short");
        int runs = Statistics.IntOption(args, "--runs", isShort ? 1 : 7);
        int[] sizes = isShort ? [1_000, 10_000] : [1_000, 10_000, 100_000];
        var executor = new OrchestrationExecutor();
        ITaskOrchestrator orchestrator = ReplayHistoryBuilder.CreateOrchestrator();

        Console.WriteLine($"replay: {runs} run(s) per size of ~100k replayed events each, median shown; {Environment.ProcessorCount} cores, .NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}");
        Console.WriteLine();
        Console.WriteLine("| events | replay µs/event (median) | min..max | session µs/event | JSON round trip µs/event | replay / JSON | alloc B/event |");
        Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|");
        // Let tiered compilation reach its optimized code before anything is timed.
        List<HistoryEvent> warmup = ReplayHistoryBuilder.Build(1_000);
        for (int i = 0; i < 200; i++)
        {
            ReplayOnce(executor, orchestrator, warmup);
            ReplayByEpisode(orchestrator, warmup);
            JsonRoundTrip(warmup);
        }

        var medians = new List<(int Size, double Replay)>();
        foreach (int size in sizes)
        {
            List<HistoryEvent> history = ReplayHistoryBuilder.Build(size);
            ReplayOnce(executor, orchestrator, history);
            JsonRoundTrip(history);

            // Every run processes about 100k events whatever the size, so small sizes are not timed in the noise.
            int repeat = Math.Max(1, 100_000 / size);
            double eventsPerRun = (double)size * repeat;
            var replay = new List<double>();
            var json = new List<double>();
            var session = new List<double>();
            long allocated = 0;
            for (int run = 0; run < runs; run++)
            {
                Settle();
                long before = GC.GetAllocatedBytesForCurrentThread();
                replay.Add(Time(repeat, () => ReplayOnce(executor, orchestrator, history)) / eventsPerRun);
                allocated = (GC.GetAllocatedBytesForCurrentThread() - before) / repeat;
                Settle();
                session.Add(Time(repeat, () => ReplayByEpisode(orchestrator, history)) / eventsPerRun);
                Settle();
                json.Add(Time(repeat, () => JsonRoundTrip(history)) / eventsPerRun);
            }

            double replayMedian = Statistics.Median(replay);
            double jsonMedian = Statistics.Median(json);
            medians.Add((size, replayMedian));
            Console.WriteLine(string.Create(
                CultureInfo.InvariantCulture,
                $"| {size:N0} | {replayMedian:F3} | {replay.Min():F3}..{replay.Max():F3} | {Statistics.Median(session):F3} | {jsonMedian:F3} | {replayMedian / jsonMedian:F2} | {allocated / (double)size:F0} |"));
        }

        Console.WriteLine();
        (int smallest, double first) = medians[0];
        (int largest, double last) = medians[^1];
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"flatness: per-event cost at {largest:N0} events is {last / first:F2}x the cost at {smallest:N0} events (1.00 = perfectly linear total cost)"));
        return Task.FromResult(0);
    }

    private static void ReplayOnce(OrchestrationExecutor executor, ITaskOrchestrator orchestrator, List<HistoryEvent> history)
    {
        OrchestratorExecutionResult result = executor.Execute(orchestrator, history, []);
        if (result.Actions.Count != 0)
        {
            throw new InvalidOperationException($"Replaying a completed history must produce no actions; got {result.Actions[0]}.");
        }
    }

    // What a caching worker does: the same history delivered one episode at a time to one session.
    private static void ReplayByEpisode(ITaskOrchestrator orchestrator, List<HistoryEvent> history)
    {
        var session = new OrchestrationSession(orchestrator);
        var episode = new List<HistoryEvent>(4);
        foreach (HistoryEvent e in history)
        {
            if (e is OrchestratorStartedEvent && episode.Count > 0)
            {
                session.Execute([], episode);
                episode.Clear();
            }

            if (e is not (TaskScheduledEvent or ExecutionCompletedEvent))
            {
                episode.Add(e);
            }
        }

        session.Execute([], episode);
        if (!session.IsCompleted || session.HistoryLength != history.Count)
        {
            throw new InvalidOperationException($"The session ended with {session.HistoryLength} events instead of {history.Count}.");
        }
    }

    private static void JsonRoundTrip(List<HistoryEvent> history)
    {
        string json = JsonSerializer.Serialize(history, HistoryJson.Options);
        List<HistoryEvent>? back = JsonSerializer.Deserialize<List<HistoryEvent>>(json, HistoryJson.Options);
        if (back?.Count != history.Count)
        {
            throw new InvalidOperationException("The JSON round trip lost events.");
        }
    }

    private static double Time(int repeat, Action action)
    {
        long start = Stopwatch.GetTimestamp();
        for (int i = 0; i < repeat; i++)
        {
            action();
        }

        return Stopwatch.GetElapsedTime(start).TotalMicroseconds;
    }

    private static void Settle()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
