using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using DurableAgents.Integration.Tests.Infrastructure;
using Xunit.Abstractions;

namespace DurableAgents.Integration.Tests.Crash;

/// <summary>
/// A worker process is killed with SIGKILL while 200 orchestrations are in flight, twice, and a new worker process is
/// started each time; the sidecar hands the dead worker's work to the new one and every orchestration completes exactly once.
/// </summary>
[Collection(CrashTestGroup.Name)]
public sealed class WorkerCrashTests(ITestOutputHelper output) : IDisposable
{
    private const string Prefix = "worker-crash";

    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task WorkerProcess_KilledMidRun_NewWorkerFinishesEveryOrchestrationExactlyOnce()
    {
        await using SidecarFixture sidecar = await SidecarFixture.StartAsync(_directory.File("taskhub.db"));
        await using SidecarClient connected = SidecarClient.Connect(sidecar.GrpcAddress);
        DurableTaskClient client = connected.Client;
        var workload = new CrashWorkload(_directory.File("ledgers"), Prefix);
        ChildProcess worker = await workload.StartWorkerAsync(sidecar.GrpcAddress);
        try
        {
            await workload.StartAllAsync(client);
            int[] killPoints = [CrashWorkload.TotalActivities / 5, CrashWorkload.TotalActivities * 5 / 8];
            for (int kill = 0; kill < killPoints.Length; kill++)
            {
                int seen = await workload.WaitForProgressAsync(killPoints[kill], worker);
                worker.Kill();
                int doneAtKill = workload.DistinctActivitiesDone();
                output.WriteLine($"Kill {kill + 1}: worker killed after {seen} activities (ledger at {doneAtKill} of {CrashWorkload.TotalActivities}).");
                Assert.True(doneAtKill < CrashWorkload.TotalActivities, $"Kill {kill + 1} came after all activities had run; it must hit work in flight.");
                await worker.DisposeAsync();
                worker = await workload.StartWorkerAsync(sidecar.GrpcAddress);
            }

            await CrashVerifier.WaitForAllTerminalAsync(client, Prefix);
            await CrashVerifier.VerifyAsync(client, connected.History, workload, Prefix, output);
        }
        catch (Exception) when (Diagnose(worker))
        {
            throw;
        }
        finally
        {
            await worker.DisposeAsync();
        }
    }

    public void Dispose() => _directory.Dispose();

    private bool Diagnose(ChildProcess worker)
    {
        output.WriteLine($"{worker.Name}: {worker.Describe()}");
        return false;
    }
}
