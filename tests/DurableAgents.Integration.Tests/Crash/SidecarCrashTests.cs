using Grpc.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using DurableAgents.Integration.Tests.Infrastructure;
using DurableAgents.Integration.Tests.Worker;
using Xunit.Abstractions;

namespace DurableAgents.Integration.Tests.Crash;

/// <summary>
/// The sidecar executable runs as a real process and is killed with SIGKILL three times while 200 orchestrations are in
/// flight (at different points of their progress, read from the workers' ledgers), each time restarted on the same SQLite
/// file and port; the worker process reconnects by itself and every orchestration completes exactly once.
/// </summary>
[Collection(CrashTestGroup.Name)]
public sealed class SidecarCrashTests(ITestOutputHelper output) : IDisposable
{
    private const string Prefix = "sidecar-crash";

    private readonly TempDirectory _directory = new();

    [Fact]
    public async Task SidecarProcess_KilledThreeTimesMidRun_EveryOrchestrationCompletesExactlyOnce()
    {
        int port = FreePort.Find();
        var address = new Uri($"http://127.0.0.1:{port}");
        string database = _directory.File("taskhub.db");
        var workload = new CrashWorkload(_directory.File("ledgers"), Prefix);

        ChildProcess sidecar = StartSidecar(port, database, 1);
        await using SidecarClient connected = SidecarClient.Connect(address);
        DurableTaskClient client = connected.Client;
        await WaitUntilServingAsync(client, sidecar);
        await using ChildProcess worker = await workload.StartWorkerAsync(address);
        try
        {
            await workload.StartAllAsync(client);

            // Early (first activities), around the durable timers (half the activities done), and late.
            int[] killPoints = [CrashWorkload.TotalActivities / 8, CrashWorkload.TotalActivities / 2, CrashWorkload.TotalActivities * 3 / 4];
            for (int kill = 0; kill < killPoints.Length; kill++)
            {
                int seen = await workload.WaitForProgressAsync(killPoints[kill], sidecar, worker);
                sidecar.Kill();
                int doneAtKill = workload.DistinctActivitiesDone();
                output.WriteLine($"Kill {kill + 1}: sidecar killed after {seen} activities (ledger at {doneAtKill} of {CrashWorkload.TotalActivities}).");
                Assert.True(doneAtKill < CrashWorkload.TotalActivities, $"Kill {kill + 1} came after all activities had run; it must hit work in flight.");
                await sidecar.DisposeAsync();
                sidecar = StartSidecar(port, database, kill + 2);
            }

            await CrashVerifier.WaitForAllTerminalAsync(client, Prefix);
            await CrashVerifier.VerifyAsync(client, connected.History, workload, Prefix, output);
        }
        catch (Exception) when (Diagnose(sidecar, worker))
        {
            throw;
        }
        finally
        {
            await sidecar.DisposeAsync();
        }
    }

    public void Dispose() => _directory.Dispose();

    private static ChildProcess StartSidecar(int port, string database, int number) =>
        ChildProcess.Start($"sidecar #{number}", CrashPrograms.SidecarPath,
        [
            $"--Sidecar:GrpcEndpoint=127.0.0.1:{port}",
            "--Sidecar:HttpEndpoint=",
            $"--TaskHub:Sqlite:DataSource={database}",
            "--TaskHub:Sqlite:Synchronous=Full",
            "--Serilog:MinimumLevel:Default=Warning",
        ]);

    private static Task WaitUntilServingAsync(DurableTaskClient client, ChildProcess sidecar) =>
        CrashDeadline.UntilAsync(async () =>
        {
            sidecar.ThrowIfExited();
            try
            {
                await client.GetInstanceAsync("crash-test-probe");
                return true;
            }
            catch (RpcException error) when (error.StatusCode == StatusCode.Unavailable)
            {
                return false;
            }
        }, "the sidecar process to serve gRPC");

    private bool Diagnose(params ChildProcess[] processes)
    {
        foreach (ChildProcess process in processes)
        {
            output.WriteLine($"{process.Name}: {process.Describe()}");
        }

        return false;
    }
}
