using DurableAgents.Converters;
using DurableAgents.Replay.Internal;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Replay.Tests.Executor;

public class ContextMemberTests
{
    private readonly OrchestrationExecutor _executor = new(WebJsonDataConverter.Default);

    [Fact]
    public void Context_IdentityAndInput_ComeFromExecutionStarted()
    {
        string? seen = null;
        ITaskOrchestrator orchestrator = Orchestrators.Create<Order, string>((context, order) =>
        {
            seen = $"{context.Name}|{context.InstanceId}|{order.Id}|{context.GetInput<Order>()!.Quantity}|{context.Parent is null}";
            return Task.FromResult("ok");
        });

        _executor.Execute(orchestrator, H.None, H.Start("PlaceOrder", "{\"id\":\"o-1\",\"quantity\":3}"));

        Assert.Equal($"PlaceOrder|{H.InstanceId}|o-1|3|True", seen);
    }

    [Fact]
    public void Executor_WithoutConverter_ReadsAndWritesPayloadsWithTheSdkDefaultJson()
    {
        ITaskOrchestrator orchestrator = Orchestrators.Create<Order, Order>((_, order) => Task.FromResult(order with { Quantity = order.Quantity + 1 }));

        OrchestratorExecutionResult result = new OrchestrationExecutor().Execute(orchestrator, H.None, H.Start("PlaceOrder", "{\"Id\":\"o-1\",\"Quantity\":3}"));

        Assert.Equal("{\"Id\":\"o-1\",\"Quantity\":4}", result.Completion!.Result);
    }

    [Fact]
    public void CurrentUtcDateTime_FollowsEachEpisodesOrchestratorStarted()
    {
        var times = new List<DateTime>();
        ITaskOrchestrator orchestrator = Orchestrators.Create(async context =>
        {
            times.Add(context.CurrentUtcDateTime);
            await context.CallActivityAsync("A");
            times.Add(context.CurrentUtcDateTime);
            return 0;
        });
        var driver = new EpisodeDriver(orchestrator);
        driver.Start();
        times.Clear();

        driver.Run(90, H.TaskCompleted(0, null));

        Assert.Equal([H.T0, H.At(90)], times);
        Assert.All(times, t => Assert.Equal(DateTimeKind.Utc, t.Kind));
    }

    [Fact]
    public void IsReplaying_TrueForPastEventsFalseForNewEvents()
    {
        var flags = new List<bool>();
        ITaskOrchestrator orchestrator = Orchestrators.Create(async context =>
        {
            flags.Add(context.IsReplaying);
            await context.CallActivityAsync("A");
            flags.Add(context.IsReplaying);
            await context.CallActivityAsync("B");
            flags.Add(context.IsReplaying);
            return 0;
        });
        HistoryEvent[] past = [.. H.Start(), H.TaskScheduled(0, "A"), H.OrchestratorStarted(1), H.TaskCompleted(0, null), H.TaskScheduled(1, "B")];

        _executor.Execute(orchestrator, past, [H.OrchestratorStarted(2), H.TaskCompleted(1, null)]);

        Assert.Equal([true, true, false], flags);
    }

    [Fact]
    public void CreateReplaySafeLogger_WritesOnlyWhenNotReplaying()
    {
        var loggerFactory = new ListLoggerFactory();
        ITaskOrchestrator orchestrator = Orchestrators.Create(async context =>
        {
            ILogger logger = context.CreateReplaySafeLogger("Workflow");
            logger.LogInformation("step one");
            await context.CallActivityAsync("A");
            logger.LogInformation("step two");
            return 0;
        });
        HistoryEvent[] past = [.. H.Start(), H.TaskScheduled(0, "A")];

        new OrchestrationExecutor(loggerFactory: loggerFactory).Execute(orchestrator, past, [H.OrchestratorStarted(1), H.TaskCompleted(0, null)]);

        Assert.Equal(["Workflow: step two"], loggerFactory.Messages.Where(m => m.StartsWith("Workflow", StringComparison.Ordinal)));
    }

    [Fact]
    public void SetCustomStatus_LatestValueIsReportedAsJson()
    {
        ITaskOrchestrator orchestrator = Orchestrators.Create(async context =>
        {
            context.SetCustomStatus("starting");
            await context.CallActivityAsync("A");
            context.SetCustomStatus(new { stage = "approval", percent = 50 });
            await context.WaitForExternalEvent<bool>("approved");
            return 0;
        });
        var driver = new EpisodeDriver(orchestrator);

        Assert.Equal("\"starting\"", driver.Start().CustomStatus);
        Assert.Equal("{\"stage\":\"approval\",\"percent\":50}", driver.Run(1, H.TaskCompleted(0, null)).CustomStatus);
        Assert.Null(_executor.Execute(Orchestrators.Create(_ => Task.FromResult(1)), H.None, H.Start()).CustomStatus);
    }

    [Fact]
    public void SendEvent_IssuesActionWithSerializedPayloadAndIsMatchedOnReplay()
    {
        ITaskOrchestrator orchestrator = Orchestrators.Create(async context =>
        {
            context.SendEvent("other", "Ping", new { n = 1 });
            await context.CallActivityAsync("A");
            return 0;
        });

        OrchestratorExecutionResult first = _executor.Execute(orchestrator, H.None, H.Start());
        var send = Assert.IsType<SendEventAction>(first.Actions[0]);
        Assert.Equal((0, "other", "Ping", "{\"n\":1}"), (send.Id, send.InstanceId, send.Name, send.Data));

        HistoryEvent[] past = [.. H.Start(), H.EventSent(0, "other", "Ping"), H.TaskScheduled(1, "A")];
        OrchestratorExecutionResult replay = _executor.Execute(orchestrator, past, [H.OrchestratorStarted(1), H.TaskCompleted(1, null)]);
        Assert.Equal(OrchestrationStatus.Completed, EpisodeDriver.Single<CompleteOrchestrationAction>(replay).Status);
    }

    [Fact]
    public void NewGuid_SameAcrossReplaysDistinctPerCallAndVersion5()
    {
        var generated = new List<Guid>();
        ITaskOrchestrator orchestrator = Orchestrators.Create(async context =>
        {
            generated.Add(context.NewGuid());
            generated.Add(context.NewGuid());
            await context.CallActivityAsync("A");
            generated.Add(context.NewGuid());
            return 0;
        });
        HistoryEvent[] past = [.. H.Start(), H.TaskScheduled(0, "A")];

        _executor.Execute(orchestrator, past, [H.OrchestratorStarted(1), H.TaskCompleted(0, null)]);
        Guid[] firstRun = [.. generated];
        generated.Clear();
        _executor.Execute(orchestrator, past, [H.OrchestratorStarted(1), H.TaskCompleted(0, null)]);

        Assert.Equal(firstRun, generated);
        Assert.Equal(3, firstRun.Distinct().Count());
        Assert.All(firstRun, g => Assert.Equal(5, g.Version));
        Assert.All(firstRun, g => Assert.Equal(0b10, g.Variant >> 2));
    }

    [Fact]
    public void DeterministicGuid_KnownVector_MatchesRfc4122Version5()
    {
        // uuid5(NAMESPACE_DNS, "python.org") from Python's uuid module.
        Guid dns = new("6ba7b810-9dad-11d1-80b4-00c04fd430c8");

        Assert.Equal(new Guid("886313e1-3b8a-5372-9b90-0c9aee199e5d"), DeterministicGuid.Create(dns, "python.org"));
    }

    [Fact]
    public void TaskYield_ResumesOnTheReplayScheduler()
    {
        ITaskOrchestrator orchestrator = Orchestrators.Create(async context =>
        {
            await Task.Yield();
            return await context.CallActivityAsync<int>("A");
        });

        Assert.Equal("A", EpisodeDriver.Single<ScheduleTaskAction>(_executor.Execute(orchestrator, H.None, H.Start())).Name);
    }

    [Fact]
    public void Execute_CallersSynchronizationContext_IsRestoredAndNotCaptured()
    {
        var callerContext = new SynchronizationContext();
        SynchronizationContext.SetSynchronizationContext(callerContext);
        try
        {
            SynchronizationContext? seenInCode = callerContext;
            ITaskOrchestrator orchestrator = Orchestrators.Create(context =>
            {
                seenInCode = SynchronizationContext.Current;
                return Task.FromResult(0);
            });

            _executor.Execute(orchestrator, H.None, H.Start());

            Assert.Null(seenInCode);
            Assert.Same(callerContext, SynchronizationContext.Current);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(null);
        }
    }

    private sealed record Order(string Id, int Quantity);
}
