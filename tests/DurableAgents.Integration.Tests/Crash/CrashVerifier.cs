using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using DurableAgents.History;
using Xunit.Abstractions;

namespace DurableAgents.Integration.Tests.Crash;

/// <summary>
/// The exactly-once checks after a crash run: every instance completed with its expected output, each history holds
/// one start and one completion, every scheduled activity completed once with no duplicate or missing task ids, every
/// scheduled activity's side effect is in a ledger (and nothing else is), and no instance was lost or added.
/// </summary>
internal static class CrashVerifier
{
    /// <summary>Waits (through restarts) until every instance has reached a terminal status; fails fast on a failed one.</summary>
    public static Task WaitForAllTerminalAsync(DurableTaskClient client, string prefix) =>
        CrashDeadline.UntilAsync(async () =>
        {
            List<OrchestrationMetadata> done;
            try
            {
                done = await QueryAsync(client, prefix, [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated]);
            }
            catch (Exception e) when (e is global::Grpc.Core.RpcException or HttpRequestException)
            {
                return false;
            }

            OrchestrationMetadata? failed = done.Find(i => i.RuntimeStatus != OrchestrationRuntimeStatus.Completed);
            Assert.True(failed is null, $"Instance {failed?.InstanceId} ended {failed?.RuntimeStatus}: {failed?.FailureDetails?.ErrorMessage}");
            return done.Count >= CrashWorkload.InstanceCount;
        }, $"all {CrashWorkload.InstanceCount} instances to complete");

    /// <summary>Runs every check; writes what it saw (repeated activity executions) to <paramref name="output"/>.</summary>
    public static async Task VerifyAsync(DurableTaskClient client, IInstanceHistoryReader histories, CrashWorkload workload, string prefix, ITestOutputHelper output)
    {
        // (c) No lost instance, no stray one.
        List<OrchestrationMetadata> all = await QueryAsync(client, prefix, statuses: null);
        Assert.Equal(workload.InstanceIds.Order(StringComparer.Ordinal), all.Select(i => i.InstanceId).Order(StringComparer.Ordinal));

        var scheduledKeys = new HashSet<string>(StringComparer.Ordinal);
        var read = new Dictionary<string, IReadOnlyList<HistoryEvent>>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(workload.InstanceIds, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, ct) =>
        {
            IReadOnlyList<HistoryEvent> history = await histories.GetHistoryAsync(id, ct);
            lock (read)
            {
                read[id] = history;
            }
        });

        foreach (string id in workload.InstanceIds)
        {
            // (a) Completed with the output the activities' results make.
            OrchestrationMetadata? instance = await client.GetInstanceAsync(id, getInputsAndOutputs: true);
            Assert.NotNull(instance);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, instance.RuntimeStatus);
            Assert.Equal(CrashWorkload.ExpectedOutput(id), instance.ReadOutputAs<string>());

            // (b) One start, one completion, each task id scheduled once and answered once, no gaps.
            IReadOnlyList<HistoryEvent> history = read[id];
            Assert.Single(history.OfType<ExecutionStartedEvent>());
            ExecutionCompletedEvent completed = Assert.Single(history.OfType<ExecutionCompletedEvent>());
            Assert.Equal(OrchestrationStatus.Completed, completed.Status);

            int[] scheduled = [.. history.OfType<TaskScheduledEvent>().Select(e => e.EventId)];
            Assert.Equal(CrashWorkload.Steps, scheduled.Length);
            Assert.Equal(scheduled.Length, scheduled.Distinct().Count());
            int[] answered = [.. history.OfType<TaskCompletedEvent>().Select(e => e.TaskScheduledId)];
            Assert.Equal(scheduled.Order(), answered.Order());
            Assert.Empty(history.OfType<TaskFailedEvent>());

            TimerCreatedEvent timer = Assert.Single(history.OfType<TimerCreatedEvent>());
            Assert.Equal(timer.EventId, Assert.Single(history.OfType<TimerFiredEvent>()).TimerId);
            int[] taskIds = [.. scheduled.Append(timer.EventId).Order()];
            Assert.Equal(Enumerable.Range(taskIds[0], CrashWorkload.Steps + 1), taskIds);

            foreach (int taskId in scheduled)
            {
                scheduledKeys.Add($"{id}:{taskId}");
            }
        }

        // (b) Every scheduled activity's side effect happened (at least once), and no other side effect did.
        List<string> ledger = workload.ReadLedger();
        var distinct = new HashSet<string>(ledger, StringComparer.Ordinal);
        Assert.Equal(scheduledKeys.Order(StringComparer.Ordinal), distinct.Order(StringComparer.Ordinal));
        output.WriteLine($"{ledger.Count} activity executions for {distinct.Count} activities ({ledger.Count - distinct.Count} repeated after crashes, as at-least-once allows).");
    }

    private static async Task<List<OrchestrationMetadata>> QueryAsync(DurableTaskClient client, string prefix, IReadOnlyCollection<OrchestrationRuntimeStatus>? statuses)
    {
        var instances = new List<OrchestrationMetadata>();
        var query = new OrchestrationQuery { InstanceIdPrefix = prefix + "-", Statuses = statuses, PageSize = 500 };
        await foreach (OrchestrationMetadata instance in client.GetAllInstancesAsync(query))
        {
            instances.Add(instance);
        }

        return instances;
    }
}
