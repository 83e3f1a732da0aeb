using Grpc.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using DurableAgents.Testing;
using TaskFailedException = Microsoft.DurableTask.TaskFailedException;

namespace DurableAgents.Replay.Tests.TestHost;

public class TestHostInstanceManagementTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static DurableTaskTestHost StartHost() => DurableTaskTestHost.Start(tasks => tasks
        .AddOrchestratorFunc<int, int>("Parent", async (context, n) =>
            await context.CallSubOrchestratorAsync<int>("Child", n) + await context.CallSubOrchestratorAsync<int>("Child", n + 1))
        .AddOrchestratorFunc<int, int>("Child", async (context, n) =>
        {
            if (n < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(n), "negative");
            }

            await context.CreateTimer(TimeSpan.FromMinutes(n), CancellationToken.None);
            return n * 10;
        })
        .AddOrchestratorFunc<int, string>("SafeParent", async (context, n) =>
        {
            try
            {
                return (await context.CallSubOrchestratorAsync<int>("Child", n)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (TaskFailedException ex)
            {
                return $"{ex.TaskName}#{ex.TaskId} failed: {ex.FailureDetails.ErrorMessage}";
            }
        })
        .AddOrchestratorFunc("Waiter", async context => await context.WaitForExternalEvent<string>("go"))
        .AddOrchestratorFunc("WaitingParent", async context => await context.CallSubOrchestratorAsync<string>("Waiter"))
        .AddOrchestratorFunc<int, int>("Countdown", async (context, n) =>
        {
            if (n == 0)
            {
                return 0;
            }

            await context.CreateTimer(TimeSpan.FromHours(1), CancellationToken.None);
            context.ContinueAsNew(n - 1);
            return n;
        }));

    [Fact]
    public async Task SubOrchestrations_CompleteAndReportToParent()
    {
        await using DurableTaskTestHost host = StartHost();

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Parent", 2, new StartOrchestrationOptions("parent-1"));
        OrchestrationMetadata done = await host.Client.WaitForInstanceCompletionAsync(id, true).WaitAsync(Deadline);

        Assert.Equal(50, done.ReadOutputAs<int>());

        // Default child ids are the parent's NewGuid ("N"), as on the official worker: its first at 00:00, its second at 00:02.
        const string firstChild = "7474fd00f94d51a387e59887e01f62ca";
        OrchestrationMetadata child = (await host.Client.GetInstanceAsync(firstChild))!;
        ExecutionStartedEvent childStart = (await host.GetHistoryAsync(firstChild)).OfType<ExecutionStartedEvent>().First();
        Assert.Equal("parent-1", childStart.ParentInstance?.InstanceId);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, child.RuntimeStatus);
        Assert.NotNull(await host.Client.GetInstanceAsync("a485a8e08d9755eea91a113057264339"));
    }

    [Fact]
    public async Task SubOrchestration_Failure_ReachesParentAsTaskFailedException()
    {
        await using DurableTaskTestHost host = StartHost();

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("SafeParent", -1, new StartOrchestrationOptions("safe"));
        OrchestrationMetadata done = await host.Client.WaitForInstanceCompletionAsync(id, true).WaitAsync(Deadline);

        Assert.StartsWith("Child#0 failed: negative", done.ReadOutputAs<string>(), StringComparison.Ordinal);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, (await host.Client.GetInstanceAsync("a3e653f995cc5d21b07b1d3b26bfa8b5"))!.RuntimeStatus); // the parent's first NewGuid
    }

    [Fact]
    public async Task TerminateInstanceAsync_Recursive_EndsParentAndChildWithReason()
    {
        await using DurableTaskTestHost host = StartHost();
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("WaitingParent", new StartOrchestrationOptions("wp"));
        const string childId = "0cade283ca445fb1977d7562e8fdfaf0"; // the parent's first NewGuid, the official worker's default child id
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(childId))!.RuntimeStatus);

        await host.Client.TerminateInstanceAsync(id, new TerminateInstanceOptions("no longer needed", Recursive: true));

        OrchestrationMetadata parent = (await host.Client.GetInstanceAsync(id, true))!;
        OrchestrationMetadata child = (await host.Client.GetInstanceAsync(childId, true))!;
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, parent.RuntimeStatus);
        Assert.Equal("no longer needed", parent.ReadOutputAs<string>());
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, child.RuntimeStatus);
        await host.Client.TerminateInstanceAsync(id, "again: no effect");
        Assert.Equal("no longer needed", (await host.Client.GetInstanceAsync(id, true))!.ReadOutputAs<string>());
    }

    [Fact]
    public async Task ContinueAsNew_RunsGenerationsAndKeepsOnlyTheLastHistory()
    {
        await using DurableTaskTestHost host = StartHost();

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Countdown", 3);
        OrchestrationMetadata done = await host.Client.WaitForInstanceCompletionAsync(id, true).WaitAsync(Deadline);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(0, done.ReadOutputAs<int>());
        Assert.Equal(DurableTaskTestHostOptions.DefaultStartTime.AddHours(3), host.CurrentTime);
        IList<HistoryEvent> history = await host.GetHistoryAsync(id);
        Assert.Equal("0", Assert.Single(history.OfType<ExecutionStartedEvent>()).Input);
    }

    [Fact]
    public async Task QueryAndPurge_FilterPageAndDeleteTerminalInstances()
    {
        await using DurableTaskTestHost host = StartHost();
        for (int i = 0; i < 5; i++)
        {
            await host.Client.ScheduleNewOrchestrationInstanceAsync("Child", 0, new StartOrchestrationOptions($"done-{i}"));
        }

        await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", new StartOrchestrationOptions("running-1"));

        var completed = new List<string>();
        int pages = 0;
        await foreach (Page<OrchestrationMetadata> page in host.Client.GetAllInstancesAsync(new OrchestrationQuery
        {
            Statuses = [OrchestrationRuntimeStatus.Completed],
            InstanceIdPrefix = "done-",
            PageSize = 2,
        }).AsPages())
        {
            pages++;
            completed.AddRange(page.Values.Select(m => m.InstanceId));
        }

        Assert.Equal(["done-0", "done-1", "done-2", "done-3", "done-4"], completed);
        Assert.Equal(3, pages);
        await Assert.ThrowsAsync<InvalidInstanceStateException>(() => host.Client.PurgeInstanceAsync("running-1"));
        Assert.Equal(1, (await host.Client.PurgeInstanceAsync("done-0")).PurgedInstanceCount);
        Assert.Equal(0, (await host.Client.PurgeInstanceAsync("done-0")).PurgedInstanceCount);
        PurgeResult purged = await host.Client.PurgeAllInstancesAsync(new PurgeInstancesFilter(DateTimeOffset.MinValue));
        Assert.Equal(4, purged.PurgedInstanceCount);
        var remaining = new List<string>();
        await foreach (OrchestrationMetadata metadata in host.Client.GetAllInstancesAsync())
        {
            remaining.Add(metadata.InstanceId);
        }

        Assert.Equal(["running-1"], remaining);
    }

    [Fact]
    public async Task RestartAsync_FinishedInstance_RunsAgainWithOriginalInput()
    {
        await using DurableTaskTestHost host = StartHost();
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Child", 0, new StartOrchestrationOptions("r"));
        await host.Client.WaitForInstanceCompletionAsync(id).WaitAsync(Deadline);

        string sameId = await host.Client.RestartAsync(id);
        string newId = await host.Client.RestartAsync(id, restartWithNewInstanceId: true);

        Assert.Equal("r", sameId);
        Assert.NotEqual("r", newId);
        OrchestrationMetadata rerun = await host.Client.WaitForInstanceCompletionAsync(newId, true).WaitAsync(Deadline);
        Assert.Equal(0, rerun.ReadOutputAs<int>());
        Assert.Equal("0", rerun.SerializedInput);
    }

    [Fact]
    public async Task ClientErrors_NameTheProblem()
    {
        await using DurableTaskTestHost host = StartHost();
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", new StartOrchestrationOptions("busy"));
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Child", 0, new StartOrchestrationOptions("finished"));

        // The host's client is the engine's in-process client: it answers as the official gRPC client does against the sidecar.
        await Assert.ThrowsAsync<InstanceAlreadyExistsException>(() => host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", new StartOrchestrationOptions("busy")));
        RpcException notFound = await Assert.ThrowsAsync<RpcException>(() => host.Client.RaiseEventAsync("ghost", "go"));
        Assert.Equal(StatusCode.NotFound, notFound.StatusCode);
        Assert.Contains("'ghost'", notFound.Status.Detail, StringComparison.Ordinal);
        await Assert.ThrowsAsync<InstanceNotFoundException>(() => host.Client.WaitForInstanceCompletionAsync("ghost"));
        await Assert.ThrowsAsync<InstanceNotFoundException>(() => host.GetHistoryAsync("ghost"));
        await Assert.ThrowsAsync<InvalidInstanceStateException>(() => host.Client.RestartAsync("busy"));

        // Signals to a finished instance are dropped, as the Durable Task protocol does.
        await host.Client.RaiseEventAsync("finished", "go");
        await host.Client.SuspendInstanceAsync("finished");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await host.Client.GetInstanceAsync("finished"))!.RuntimeStatus);

        // A finished instance's id may be used again.
        await host.Client.ScheduleNewOrchestrationInstanceAsync("Waiter", new StartOrchestrationOptions("finished"));
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync("finished"))!.RuntimeStatus);
    }

    [Fact]
    public async Task DisposeAsync_PendingWaitFails()
    {
        var host = DurableTaskTestHost.Start(tasks => tasks.AddOrchestratorFunc("Forever", async context => await context.WaitForExternalEvent<int>("never")));
        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync("Forever");
        Task<OrchestrationMetadata> wait = host.Client.WaitForInstanceCompletionAsync(id);

        await host.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => wait.WaitAsync(Deadline));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => host.Client.ScheduleNewOrchestrationInstanceAsync("Forever"));
    }
}
