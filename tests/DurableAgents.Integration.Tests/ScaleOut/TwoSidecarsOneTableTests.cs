using System.Diagnostics;
using DurableAgents.Integration.Tests.Crash;
using DurableAgents.Integration.Tests.Infrastructure;
using DurableAgents.Storage.DynamoDb;
using Microsoft.DurableTask;
using Xunit.Abstractions;

namespace DurableAgents.Integration.Tests.ScaleOut;

/// <summary>
/// Two sidecar processes share one DynamoDB table (DynamoDB Local), each with a worker of its own. 500 orchestrations
/// are started through both; events are raised through the sidecar the instance was not started on. Mid-run one
/// sidecar is killed with SIGKILL; the survivor takes its partitions over once their leases expire, its worker runs the
/// dead sidecar's work, and every orchestration completes exactly once, as the table shows.
/// </summary>
[Collection(CrashTestGroup.Name)]
public sealed class TwoSidecarsOneTableTests(ITestOutputHelper output)
{
    private const string Prefix = "scaleout";
    private const int InstanceCount = 500;
    private const int Survivor = 0;
    private const int Victim = 1;

    private static readonly TimeSpan Deadline = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task TwoSidecarProcesses_OneKilledMidRun_SurvivorCompletesEveryOrchestrationExactlyOnce()
    {
        var clock = Stopwatch.StartNew();
        await using DynamoDbLocal local = await DynamoDbLocal.StartAsync();
        var settings = new SharedTableSettings(
            local.ServiceUrl, $"scaleout{Guid.NewGuid():N}-", LeaseDuration: TimeSpan.FromSeconds(4), RenewInterval: TimeSpan.FromSeconds(1),
            InboxPollInterval: TimeSpan.FromMilliseconds(250));

        // The test's own view of the table; creating the table here first spares the two sidecars a race to create it.
        await using var store = new DynamoDbTaskHubStore(new DynamoDbTaskHubStoreOptions
        {
            ServiceUrl = settings.ServiceUrl,
            TablePrefix = settings.TablePrefix,
            Region = "eu-west-1",
        });
        await store.InitializeAsync(CancellationToken.None);
        var table = new SharedTableReader(store, Prefix);

        SharedTableSidecar[] sidecars = [SharedTableSidecar.Start("sidecar-a", settings), SharedTableSidecar.Start("sidecar-b", settings)];
        var workers = new List<WorkerHost>();
        int activitiesRun = 0;
        try
        {
            await Task.WhenAll(sidecars.Select(s => s.WaitUntilServingAsync()));
            foreach (SharedTableSidecar sidecar in sidecars)
            {
                workers.Add(await WorkerHost.StartAsync(sidecar.Address, r => ScaleOutTasks.Register(r, () => Interlocked.Increment(ref activitiesRun))));
            }

            // Both share the work before it starts, so the kill hits partitions with instances in flight.
            Dictionary<string, int[]> held = await table.WaitForOwnersAsync([.. sidecars.Select(s => s.OwnerId)], Deadline);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: DynamoDB Local, two sidecars and two workers up; partitions {Describe(held)}.");

            IReadOnlyList<ScaleOutInstance> instances = ScaleOutWorkload.Create(Prefix, InstanceCount);

            // The event waiters first, so they are parked in their wait early and their events can be raised before the kill.
            await StartAsync(instances.Where(i => i.WaitsForEvent));
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: event waiters started.");
            await StartAsync(instances.Where(i => !i.WaitsForEvent));
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: {instances.Count} instances started, half through each sidecar.");

            // Events for instances started through the survivor go through the victim, so they are raised before the kill.
            Task raisedThroughVictim = table.RaiseWhenWaitingAsync(instances.Where(i => i.WaitsForEvent && i.StartDoor == Survivor), sidecars[Victim], Deadline);

            // The kill comes a third of the way through the activities: instances advance side by side (the engine
            // hands work out in arrival order), so few have completed by then while nearly all have work in flight.
            int totalActivities = ScaleOutWorkload.ActivityCount(instances);
            await TestDeadline.UntilAsync(() =>
            {
                ThrowIfASidecarExited();
                return Task.FromResult(Volatile.Read(ref activitiesRun) >= totalActivities / 3);
            }, $"{totalActivities / 3} of {totalActivities} activities to run", Deadline);
            await raisedThroughVictim;
            int[] victimPartitions = await table.HeldByAsync(sidecars[Victim].OwnerId);
            sidecars[Victim].Kill();
            int ranAtKill = Volatile.Read(ref activitiesRun);
            HashSet<string> completedAtKill = [.. (await table.QueryAsync([OrchestrationStatus.Completed])).Select(r => r.InstanceId)];
            int strandedAtKill = instances.Count(i => victimPartitions.Contains(table.PartitionOf(i.InstanceId)) && !completedAtKill.Contains(i.InstanceId));
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: {sidecars[Victim].OwnerId} killed after {ranAtKill} of {totalActivities} activity executions, with {completedAtKill.Count} of {InstanceCount} instances completed and {strandedAtKill} unfinished in its partitions {string.Join(',', victimPartitions)}.");
            Assert.True(strandedAtKill > 0, "The killed sidecar had no unfinished instance in its partitions; the kill must hit work in flight.");

            await table.RaiseWhenWaitingAsync(instances.Where(i => i.WaitsForEvent && i.StartDoor == Victim), sidecars[Survivor], Deadline);
            await table.WaitForCompletedAsync(InstanceCount, Deadline, sidecars[Survivor].ThrowIfExited);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: all {InstanceCount} instances completed.");

            // The survivor took every partition of the dead sidecar over once its leases expired.
            held = await table.WaitForOwnersAsync([sidecars[Survivor].OwnerId], Deadline);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: partitions {Describe(held)}.");

            await table.VerifyAsync(instances, output);
            output.WriteLine($"{clock.Elapsed.TotalSeconds:F1} s: verified.");
        }
        catch (Exception) when (Diagnose(sidecars))
        {
            throw;
        }
        finally
        {
            foreach (WorkerHost worker in workers)
            {
                await worker.DisposeAsync();
            }

            foreach (SharedTableSidecar sidecar in sidecars)
            {
                await sidecar.DisposeAsync();
            }
        }

        Task StartAsync(IEnumerable<ScaleOutInstance> some) =>
            Task.WhenAll(some.Select(i => sidecars[i.StartDoor].Client.ScheduleNewOrchestrationInstanceAsync(
                i.Orchestrator, i.InstanceId, new StartOrchestrationOptions(i.InstanceId))));

        void ThrowIfASidecarExited()
        {
            foreach (SharedTableSidecar sidecar in sidecars)
            {
                sidecar.ThrowIfExited();
            }
        }
    }

    private static string Describe(Dictionary<string, int[]> held) =>
        string.Join("; ", held.Select(pair => $"{pair.Key} holds {string.Join(',', pair.Value)}"));

    private bool Diagnose(SharedTableSidecar[] sidecars)
    {
        foreach (SharedTableSidecar sidecar in sidecars)
        {
            output.WriteLine(sidecar.Describe());
        }

        return false;
    }
}
