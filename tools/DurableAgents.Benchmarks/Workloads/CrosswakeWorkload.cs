using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using DurableAgents.Benchmarks.Engine;
using DurableAgents.TaskHub;
using DurableAgents.TaskHub.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace DurableAgents.Benchmarks.Workloads;

/// <summary>
/// "crosswake" (README.md): two sidecar processes share one DynamoDB table, each with its own worker process. An
/// orchestration in a partition sidecar B owns waits for an event; the event is raised through sidecar A (which writes
/// it to B's partition, where B's inbox poll finds it) or, as the reference in the same sitting, through B itself. The
/// latency is from the raise call to the completion B's client sees. Samples run one at a time, the two kinds alternating.
/// </summary>
public sealed class CrosswakeWorkload : IBenchmarkWorkload
{
    private static readonly string WaitingStatus = JsonSerializer.Serialize(BenchmarkTasks.ApprovalWaitingStatus);
    private static readonly TimeSpan SampleTimeout = TimeSpan.FromSeconds(60);
    private static readonly int DefaultInboxPollMilliseconds = (int)new TaskHubOptions().InboxPollInterval.TotalMilliseconds;

    /// <inheritdoc/>
    public string Name => "crosswake";

    /// <inheritdoc/>
    public string Description =>
        "two sidecars on one DynamoDB table: event raised through the other sidecar vs the owner; p50/p95 raise-to-completion (--dynamodb URL required; --count N per kind, default 100; --short: 10; --inbox-poll-ms N; --dir PATH)";

    /// <inheritdoc/>
    public async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        string? dynamoDb = CommandLine.Option(args, "--dynamodb");
        if (dynamoDb is null)
        {
            Console.Error.WriteLine("crosswake needs --dynamodb URL (e.g. a DynamoDB Local at http://127.0.0.1:8000): several sidecars can share only a DynamoDB table.");
            return 2;
        }

        bool isShort = Statistics.HasFlag(args, "--short");
        int count = Statistics.IntOption(args, "--count", isShort ? 10 : 100);
        int? poll = CommandLine.Option(args, "--inbox-poll-ms") is not null ? Statistics.IntOption(args, "--inbox-poll-ms", 1000) : null;
        string root = Path.Combine(CommandLine.Option(args, "--dir") ?? Path.GetTempPath(),
            "durableagents-crosswake-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
        try
        {
            await using SharedTableCluster cluster = await SharedTableCluster.StartAsync(root, dynamoDb, ["sidecar-a", "sidecar-b"], poll);
            IReadOnlyList<IReadOnlySet<int>> owned = await cluster.WaitUntilBalancedAsync();
            int partitions = owned.Sum(o => o.Count);
            TimeSpan jitter = TimeSpan.FromMilliseconds(poll ?? DefaultInboxPollMilliseconds);
            SharedTableMember raiser = cluster.Members[0];
            SharedTableMember owner = cluster.Members[1];
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"crosswake: {count} samples per kind, one at a time after a random pause of up to one poll interval, DynamoDB at {dynamoDb}, inbox poll {jitter.TotalMilliseconds} ms, {partitions} partitions ({owner.Owner} owns {owned[1].Count}), {Environment.ProcessorCount} cores, .NET {Environment.Version}"));

            IEnumerator<string> ids = IdsIn(owned[1], partitions).GetEnumerator();

            // An untimed warm-up of both kinds lets the JIT settle in all five processes.
            for (int i = 0; i < Math.Min(count, 10); i++)
            {
                await SampleAsync(owner, i % 2 == 0 ? raiser : owner, Next(ids), jitter);
            }

            var cross = new List<double>(count);
            var reference = new List<double>(count);
            for (int i = 0; i < count; i++)
            {
                cross.Add(await SampleAsync(owner, raiser, Next(ids), jitter));
                reference.Add(await SampleAsync(owner, owner, Next(ids), jitter));
            }

            // The samples mean what they say only if B owned the instances throughout.
            (_, IReadOnlySet<int> stillOwned) = await owner.ReadPartitionsAsync();
            if (!owned[1].IsSubsetOf(stillOwned))
            {
                Console.Error.WriteLine($"{owner.Owner} lost partitions during the run; the figures mix cases. Run again.");
                return 1;
            }

            Console.WriteLine();
            Console.WriteLine("| event raised through | samples | p50 ms | p95 ms | min ms | max ms |");
            Console.WriteLine("|---|---:|---:|---:|---:|---:|");
            Console.WriteLine(Row($"the other sidecar ({raiser.Owner})", cross));
            Console.WriteLine(Row($"the owner ({owner.Owner}, reference)", reference));
            return 0;
        }
        finally
        {
            EngineCluster.TryDeleteDirectory(root);
        }
    }

    private static string Row(string label, List<double> latencies) => string.Create(CultureInfo.InvariantCulture,
        $"| {label} | {latencies.Count} | {Percentiles.Of(latencies, 50):N1} | {Percentiles.Of(latencies, 95):N1} | {latencies.Min():N1} | {latencies.Max():N1} |");

    /// <summary>Instance ids whose partition is one of <paramref name="partitions"/>, so the owning sidecar runs them.</summary>
    private static IEnumerable<string> IdsIn(IReadOnlySet<int> partitions, int partitionCount)
    {
        string run = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        for (long n = 0; ; n++)
        {
            string id = string.Create(CultureInfo.InvariantCulture, $"crosswake-{run}-{n:D6}");
            if (partitions.Contains(TaskHubPartitions.Of(id, partitionCount)))
            {
                yield return id;
            }
        }
    }

    private static string Next(IEnumerator<string> ids) => ids.MoveNext() ? ids.Current : throw new InvalidOperationException("No more ids.");

    /// <summary>Starts a waiting instance on <paramref name="owner"/>, raises its event through <paramref name="door"/> and returns the ms until the owner's client saw it complete.</summary>
    private static async Task<double> SampleAsync(SharedTableMember owner, SharedTableMember door, string id, TimeSpan jitter)
    {
        using var deadline = new CancellationTokenSource(SampleTimeout);
        await owner.Client.ScheduleNewOrchestrationInstanceAsync(BenchmarkTasks.Approval, null, new StartOrchestrationOptions(id), deadline.Token);

        // The clock starts only once the instance waits for its event (first episode done).
        while ((await owner.Client.GetInstanceAsync(id, getInputsAndOutputs: true, deadline.Token))?.SerializedCustomStatus != WaitingStatus)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), deadline.Token);
        }

        // A sample starts right after the previous one completed, which is right after an inbox poll of the owner: without
        // a random pause the raises would land at one phase of the poll cycle and measure that phase, not the spread.
        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * jitter.TotalMilliseconds), deadline.Token);

        // The completion wait is held before the event is raised, so the completion is seen as soon as it commits.
        Task<(OrchestrationMetadata Instance, long At)> completion = WaitAsync(owner.Client, id, deadline.Token);
        long raised = Stopwatch.GetTimestamp();
        await door.Client.RaiseEventAsync(id, BenchmarkTasks.ApprovalEvent, door.Owner, deadline.Token);
        (OrchestrationMetadata done, long completedAt) = await completion;
        OrchestrationBatch.ExpectOutput(done, $"approved by {door.Owner}");
        return Stopwatch.GetElapsedTime(raised, completedAt).TotalMilliseconds;
    }

    private static async Task<(OrchestrationMetadata Instance, long At)> WaitAsync(DurableTaskClient client, string id, CancellationToken cancellation)
    {
        OrchestrationMetadata done = await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cancellation);
        return (done, Stopwatch.GetTimestamp());
    }
}
