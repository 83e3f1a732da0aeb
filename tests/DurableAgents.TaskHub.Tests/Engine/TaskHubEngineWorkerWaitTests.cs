using DurableAgents.TaskHub.Tests.Engine.Infrastructure;
using Microsoft.Extensions.Logging;

namespace DurableAgents.TaskHub.Tests.Engine;

/// <summary>
/// An instance whose orchestrator no connected worker runs is accepted and waits (a worker may register the name later),
/// but not silently: its snapshot says so, and the log warns once when the wait passes the configured delay.
/// </summary>
public sealed class TaskHubEngineWorkerWaitTests
{
    private const int WaitingForWorkerEventId = 1020;
    private const int WorkerFoundEventId = 1021;
    private static readonly TimeSpan WarnAfter = TimeSpan.FromSeconds(30);

    private static Task<TestHub> StartHubAsync() => TestHub.StartAsync(o => o.UnhandledNameWarningAfter = WarnAfter);

    private static TestWorker Runs(TestHub hub, string name) => hub.AddWorker(
        w => w.Orchestration<string, string>(name, (_, input) => Task.FromResult($"ran {input}")),
        new WorkerConnectionOptions { OrchestratorNames = [name] });

    [Fact]
    public async Task UnhandledName_WaitPassesTheDelay_LogsOneWarningNamingInstanceAndName()
    {
        await using TestHub hub = await StartHubAsync();
        Runs(hub, "Other");
        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("NoSuch") { InstanceId = "lonely", Input = Json.Of("x") });

        hub.Time.Advance(WarnAfter - TimeSpan.FromSeconds(1));
        Assert.Empty(hub.Logs.WithEventId(WaitingForWorkerEventId));

        hub.Time.Advance(TimeSpan.FromSeconds(2));
        LogEntry warning = Assert.Single(hub.Logs.WithEventId(WaitingForWorkerEventId));
        Assert.Equal(LogLevel.Warning, warning.Level);
        Assert.Contains("Instance lonely has waited 00:00:31", warning.Message, StringComparison.Ordinal);
        Assert.Contains("orchestrator 'NoSuch'", warning.Message, StringComparison.Ordinal);

        // One warning per wait, however long it lasts.
        hub.Time.Advance(TimeSpan.FromMinutes(10));
        Assert.Single(hub.Logs.WithEventId(WaitingForWorkerEventId));
        Assert.Equal(OrchestrationStatus.Pending, (await hub.Engine.GetInstanceAsync(id))!.RuntimeStatus);
    }

    [Fact]
    public async Task UnhandledName_Snapshot_SaysNoConnectedWorkerHandlesTheNameAtOnce()
    {
        await using TestHub hub = await StartHubAsync();
        Runs(hub, "Other");

        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("NoSuch"));

        InstanceSnapshot? snapshot = await hub.Engine.GetInstanceAsync(id);
        Assert.Equal("no connected worker handles 'NoSuch'", snapshot!.WaitingForWorker);
        Assert.Equal("no connected worker handles 'NoSuch'", hub.Engine.GetWaitingForWorker(id));
        InstanceSnapshot listed = Assert.Single((await hub.Engine.QueryAsync(new InstanceFilter())).Values);
        Assert.Equal("no connected worker handles 'NoSuch'", listed.WaitingForWorker);
    }

    [Fact]
    public async Task UnhandledName_WorkerThatRegistersItConnects_RunsItAndTheWaitEnds()
    {
        await using TestHub hub = await StartHubAsync();
        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Late") { InstanceId = "late-1", Input = Json.Of("x") });
        hub.Time.Advance(WarnAfter + TimeSpan.FromSeconds(1));
        Assert.Single(hub.Logs.WithEventId(WaitingForWorkerEventId));

        Runs(hub, "Late");
        InstanceSnapshot done = await hub.WaitForCompletionAsync(id);
        hub.Time.Advance(TimeSpan.FromMinutes(10));

        Assert.Equal("ran x", done.ReadOutputAs<string>());
        Assert.Null(done.WaitingForWorker);
        Assert.Null(hub.Engine.GetWaitingForWorker(id));
        Assert.Single(hub.Logs.WithEventId(WaitingForWorkerEventId));
        LogEntry found = Assert.Single(hub.Logs.WithEventId(WorkerFoundEventId));
        Assert.Contains("Instance late-1 (Late) went to worker", found.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnhandledName_WorkerConnectsBeforeTheDelay_LogsNoWarning()
    {
        await using TestHub hub = await StartHubAsync();
        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Soon") { Input = Json.Of("y") });
        hub.Time.Advance(WarnAfter / 2);

        Runs(hub, "Soon");
        await hub.WaitForCompletionAsync(id);
        hub.Time.Advance(WarnAfter * 4);

        Assert.Empty(hub.Logs.WithEventId(WaitingForWorkerEventId));
        Assert.Empty(hub.Logs.WithEventId(WorkerFoundEventId));
    }

    [Fact]
    public async Task HandledName_WorkerConnected_IsNotReportedAsWaiting()
    {
        await using TestHub hub = await StartHubAsync();
        // Declared in another case: names match without regard to case, as the SDKs' registries do.
        hub.AddWorker(
            w => w.Orchestration<string, string>("Waits", (ctx, _) => ctx.WaitForExternalEvent<string>("go")),
            new WorkerConnectionOptions { OrchestratorNames = ["waits"] });

        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Waits"));
        await hub.WaitForStatusAsync(id, OrchestrationStatus.Running);
        hub.Time.Advance(WarnAfter * 4);

        Assert.Null((await hub.Engine.GetInstanceAsync(id))!.WaitingForWorker);
        Assert.Empty(hub.Logs.WithEventId(WaitingForWorkerEventId));
    }

    [Fact]
    public async Task RunningInstance_ItsOnlyWorkerLeaves_IsReportedOnceItsNextStepWaitsPastTheDelay()
    {
        await using TestHub hub = await StartHubAsync();
        TestWorker worker = hub.AddWorker(
            w => w.Orchestration<string, string>("Waits", (ctx, _) => ctx.WaitForExternalEvent<string>("go")),
            new WorkerConnectionOptions { OrchestratorNames = ["Waits"] });
        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Waits") { InstanceId = "orphaned" });
        await hub.WaitForStatusAsync(id, OrchestrationStatus.Running);

        await worker.DisposeAsync();
        await hub.Engine.RaiseEventAsync(id, "go", Json.Of("now"));
        Assert.Equal("no connected worker handles 'Waits'", (await hub.Engine.GetInstanceAsync(id))!.WaitingForWorker);
        hub.Time.Advance(WarnAfter + TimeSpan.FromSeconds(1));

        LogEntry warning = Assert.Single(hub.Logs.WithEventId(WaitingForWorkerEventId));
        Assert.Contains("Instance orphaned has waited", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Options_WarningDelayNotPositive_IsRefusedNamingTheSetting()
    {
        var options = new TaskHubOptions { UnhandledNameWarningAfter = TimeSpan.Zero };

        var error = Assert.Throws<System.ComponentModel.DataAnnotations.ValidationException>(options.Validate);
        Assert.Contains(nameof(TaskHubOptions.UnhandledNameWarningAfter), error.Message, StringComparison.Ordinal);
    }
}
