using System.Text.Json;
using DurableAgents.History;
using DurableAgents.Integration.Tests.Infrastructure;
using DurableAgents.Storage.DynamoDb;
using DurableAgents.TaskHub.Storage;
using Xunit.Abstractions;

namespace DurableAgents.Integration.Tests.ScaleOut;

/// <summary>
/// Reads the shared table directly through a <see cref="DynamoDbTaskHubStore"/> of the test's own, so what the test
/// checks does not depend on which sidecar is alive: progress while the run goes on, and the exactly-once checks at the end.
/// </summary>
internal sealed class SharedTableReader(DynamoDbTaskHubStore store, string prefix)
{
    // Each check reads the table (a query of up to 500 rows): a few times a second is enough and leaves DynamoDB Local the CPU.
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(250);

    private static readonly OrchestrationStatus[] Terminal =
        [OrchestrationStatus.Completed, OrchestrationStatus.Failed, OrchestrationStatus.Canceled, OrchestrationStatus.Terminated];

    /// <summary>Instance rows whose id starts with the test's prefix, in the given statuses (all when null).</summary>
    public async Task<List<InstanceRecord>> QueryAsync(IReadOnlyCollection<OrchestrationStatus>? statuses, bool includePayloads = false)
    {
        var rows = new List<InstanceRecord>();
        string? continuation = null;
        do
        {
            InstancePage page = await store.QueryInstancesAsync(
                new InstanceQuery { InstanceIdPrefix = prefix + "-", Statuses = statuses, PageSize = 500, ContinuationToken = continuation, IncludePayloads = includePayloads },
                CancellationToken.None);
            rows.AddRange(page.Instances);
            continuation = page.ContinuationToken;
        }
        while (continuation is not null);
        return rows;
    }

    /// <summary>
    /// Waits until at least <paramref name="count"/> instances have finished, failing at once when one ended other than
    /// Completed; <paramref name="check"/> runs before every read (e.g. to fail when a process that must live exited).
    /// </summary>
    /// <returns>The number finished when the wait ended.</returns>
    public async Task<int> WaitForCompletedAsync(int count, TimeSpan within, Action check)
    {
        int completed = 0;
        await TestDeadline.UntilAsync(async () =>
        {
            check();
            List<InstanceRecord> done = await QueryAsync(Terminal, includePayloads: true);
            InstanceRecord? failed = done.Find(r => r.Status != OrchestrationStatus.Completed);
            Assert.True(failed is null, $"Instance {failed?.InstanceId} ended {failed?.Status}: {failed?.FailureDetails?.ErrorMessage} {failed?.Output}");
            completed = done.Count;
            return completed >= count;
        }, $"{count} instances to complete", within, PollInterval);
        return completed;
    }

    /// <summary>
    /// Raises each instance's event through <paramref name="door"/> once the table shows the instance waiting for it
    /// (its custom status), so the event reaches an orchestration that is already parked in its wait.
    /// </summary>
    public async Task RaiseWhenWaitingAsync(IEnumerable<ScaleOutInstance> instances, SharedTableSidecar door, TimeSpan within)
    {
        var pending = instances.ToList();
        string waiting = JsonSerializer.Serialize(ScaleOutTasks.WaitingStatus);
        await TestDeadline.UntilAsync(async () =>
        {
            door.ThrowIfExited();

            // All at once: each raise waits for a commit of the door's busy writer loop, so one after another would take minutes.
            InstanceRecord?[] rows = await Task.WhenAll(pending.Select(i => store.GetInstanceAsync(i.InstanceId, includePayloads: true, CancellationToken.None)));
            ScaleOutInstance[] ready = [.. pending.Where((_, index) => rows[index]?.CustomStatus == waiting)];
            await Task.WhenAll(ready.Select(i => door.Client.RaiseEventAsync(i.InstanceId, ScaleOutTasks.EventName, i.EventPayload)));
            pending.RemoveAll(ready.Contains);
            return pending.Count == 0;
        }, $"{pending.Count} instances to wait for their event before it is raised through {door.OwnerId}", within, PollInterval);
    }

    /// <summary>
    /// The exactly-once checks: the table holds exactly the planned instances, each Completed with its expected output,
    /// one ExecutionStarted and one ExecutionCompleted in its history, every scheduled activity answered exactly once (by
    /// task id), every timer fired once and the event received once.
    /// </summary>
    public async Task VerifyAsync(IReadOnlyList<ScaleOutInstance> instances, ITestOutputHelper output)
    {
        List<InstanceRecord> all = await QueryAsync(statuses: null);
        Assert.Equal(instances.Select(i => i.InstanceId).Order(StringComparer.Ordinal), all.Select(r => r.InstanceId).Order(StringComparer.Ordinal));

        var rows = new Dictionary<string, InstanceRecord>(StringComparer.Ordinal);
        var histories = new Dictionary<string, IReadOnlyList<HistoryEvent>>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(instances, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (instance, ct) =>
        {
            InstanceRecord row = await store.GetInstanceAsync(instance.InstanceId, includePayloads: true, ct)
                ?? throw new InvalidOperationException($"Instance {instance.InstanceId} has no row.");
            IReadOnlyList<HistoryEvent> history = await store.GetHistoryAsync(instance.InstanceId, row.ExecutionId, ct);
            lock (rows)
            {
                rows[instance.InstanceId] = row;
                histories[instance.InstanceId] = history;
            }
        });

        foreach (ScaleOutInstance instance in instances)
        {
            InstanceRecord row = rows[instance.InstanceId];
            IReadOnlyList<HistoryEvent> history = histories[instance.InstanceId];
            string where = $"instance {instance.InstanceId} ({instance.Orchestrator})";

            Assert.True(row.Status == OrchestrationStatus.Completed, $"{where} is {row.Status}.");
            Assert.Equal(instance.ExpectedOutput, JsonSerializer.Deserialize<string>(row.Output ?? "null"));

            Assert.Single(history.OfType<ExecutionStartedEvent>());
            ExecutionCompletedEvent completed = Assert.Single(history.OfType<ExecutionCompletedEvent>());
            Assert.Equal(OrchestrationStatus.Completed, completed.Status);

            int[] scheduled = [.. history.OfType<TaskScheduledEvent>().Select(e => e.EventId)];
            Assert.True(scheduled.Length == instance.ActivityCount, $"{where} scheduled {scheduled.Length} activities, not {instance.ActivityCount}.");
            Assert.Equal(scheduled.Length, scheduled.Distinct().Count());
            int[] answered = [.. history.OfType<TaskCompletedEvent>().Select(e => e.TaskScheduledId)];
            Assert.True(scheduled.Order().SequenceEqual(answered.Order()), $"{where}: scheduled task ids [{string.Join(',', scheduled)}], completed [{string.Join(',', answered)}].");
            Assert.Empty(history.OfType<TaskFailedEvent>());

            int[] timers = [.. history.OfType<TimerCreatedEvent>().Select(e => e.EventId)];
            Assert.Equal(instance.HasTimer ? 1 : 0, timers.Length);
            int[] fired = [.. history.OfType<TimerFiredEvent>().Select(e => e.TimerId)];
            Assert.True(timers.Order().SequenceEqual(fired.Order()), $"{where}: timers [{string.Join(',', timers)}], fired [{string.Join(',', fired)}].");

            EventRaisedEvent[] events = [.. history.OfType<EventRaisedEvent>()];
            Assert.Equal(instance.WaitsForEvent ? 1 : 0, events.Length);
            if (instance.WaitsForEvent)
            {
                Assert.Equal(ScaleOutTasks.EventName, events[0].Name);
                Assert.Equal(instance.EventPayload, JsonSerializer.Deserialize<string>(events[0].Input ?? "null"));
            }
        }

        output.WriteLine($"Verified {instances.Count} instances, {histories.Values.Sum(h => h.Count)} history events.");
    }

    /// <summary>Waits until the lease table shows every partition held, by the given owners only, each of them holding at least one.</summary>
    /// <returns>The partitions each owner holds.</returns>
    public async Task<Dictionary<string, int[]>> WaitForOwnersAsync(IReadOnlyCollection<string> owners, TimeSpan within)
    {
        Dictionary<string, int[]> held = [];
        await TestDeadline.UntilAsync(async () =>
        {
            PartitionTable table = await store.ReadPartitionTableAsync(CancellationToken.None);
            DateTime now = DateTime.UtcNow;
            held = owners.ToDictionary(
                owner => owner,
                owner => table.Leases.Where(l => l.Owner == owner && l.ExpiresAt > now).Select(l => l.Partition).ToArray(),
                StringComparer.Ordinal);
            return held.Values.Sum(p => p.Length) == table.Leases.Count && held.Values.All(p => p.Length > 0);
        }, $"the partitions to be held by {string.Join(" and ", owners)} only", within, PollInterval);
        return held;
    }

    /// <summary>The partitions whose lease <paramref name="owner"/> holds now.</summary>
    public async Task<int[]> HeldByAsync(string owner)
    {
        PartitionTable table = await store.ReadPartitionTableAsync(CancellationToken.None);
        DateTime now = DateTime.UtcNow;
        return [.. table.Leases.Where(l => l.Owner == owner && l.ExpiresAt > now).Select(l => l.Partition)];
    }

    /// <summary>The partition an instance belongs to in the shared table.</summary>
    public int PartitionOf(string instanceId) => TaskHubPartitions.Of(instanceId, store.PartitionCount);
}
