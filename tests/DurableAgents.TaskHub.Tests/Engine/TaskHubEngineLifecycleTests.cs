using DurableAgents.History;
using Microsoft.DurableTask;
using DurableAgents.TaskHub.Tests.Engine.Infrastructure;

namespace DurableAgents.TaskHub.Tests.Engine;

public sealed class TaskHubEngineLifecycleTests
{
    private static TestWorker HelloWorker(TestWorker worker) => worker
        .Orchestration<string, string>("Hello3", async (ctx, name) =>
        {
            string a = await ctx.CallActivityAsync<string>("SayHello", name + "1");
            string b = await ctx.CallActivityAsync<string>("SayHello", name + "2");
            string c = await ctx.CallActivityAsync<string>("SayHello", name + "3");
            return $"{a} {b} {c}";
        })
        .Activity("SayHello", input => Json.Of($"Hello, {Json.Read<string>(input)}!"));

    [Fact]
    public async Task CreateInstanceAsync_WithWorker_RunsToCompletionWithOutputAndHistory()
    {
        await using TestHub hub = await TestHub.StartAsync();
        TestWorker worker = hub.AddWorker(w => HelloWorker(w));

        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Hello3") { InstanceId = "hello-1", Input = Json.Of("x") });
        InstanceSnapshot done = await hub.WaitForCompletionAsync(id);

        Assert.Equal("hello-1", id);
        Assert.Equal(OrchestrationStatus.Completed, done.RuntimeStatus);
        Assert.Equal("Hello, x1! Hello, x2! Hello, x3!", done.ReadOutputAs<string>());
        Assert.Equal(Json.Of("x"), done.SerializedInput);
        Assert.NotNull(done.CompletedAt);

        IReadOnlyList<HistoryEvent> history = await hub.Engine.GetHistoryAsync(id);
        Assert.IsType<OrchestratorStartedEvent>(history[0]);
        Assert.IsType<ExecutionStartedEvent>(history[1]);
        Assert.Equal(3, history.OfType<TaskScheduledEvent>().Count());
        Assert.Equal(3, history.OfType<TaskCompletedEvent>().Count());
        Assert.Equal(4, history.OfType<OrchestratorStartedEvent>().Count());
        ExecutionCompletedEvent completed = Assert.IsType<ExecutionCompletedEvent>(history[^1]);
        Assert.Equal(OrchestrationStatus.Completed, completed.Status);

        // The first episode gets [OrchestratorStarted, ExecutionStarted] and no past events.
        OrchestratorWorkItem first = worker.OrchestratorItems[0];
        Assert.Empty(first.PastEvents);
        Assert.Equal(2, first.NewEvents.Count);
        Assert.IsType<OrchestratorStartedEvent>(first.NewEvents[0]);
        Assert.IsType<ExecutionStartedEvent>(first.NewEvents[1]);
        Assert.All(worker.OrchestratorItems, item => Assert.IsType<OrchestratorStartedEvent>(item.NewEvents[0]));
    }

    [Fact]
    public async Task CreateInstanceAsync_IdOfActiveInstance_ThrowsAlreadyExists()
    {
        await using TestHub hub = await TestHub.StartAsync();
        await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Hello3") { InstanceId = "dup" });

        var ex = await Assert.ThrowsAsync<InstanceAlreadyExistsException>(
            () => hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Hello3") { InstanceId = "dup" }));

        Assert.Equal("dup", ex.InstanceId);
        Assert.Equal(OrchestrationStatus.Pending, ex.Status);
    }

    [Fact]
    public async Task CreateInstanceAsync_IdOfCompletedInstance_ReplacesIt()
    {
        await using TestHub hub = await TestHub.StartAsync();
        hub.AddWorker(w => HelloWorker(w));
        await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Hello3") { InstanceId = "again", Input = Json.Of("a") });
        InstanceSnapshot first = await hub.WaitForCompletionAsync("again");

        await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Hello3") { InstanceId = "again", Input = Json.Of("b") });
        InstanceSnapshot second = await hub.WaitForCompletionAsync("again");

        Assert.NotEqual(first.ExecutionId, second.ExecutionId);
        Assert.Equal("Hello, b1! Hello, b2! Hello, b3!", second.ReadOutputAs<string>());
        IReadOnlyList<HistoryEvent> history = await hub.Engine.GetHistoryAsync("again");
        Assert.Single(history.OfType<ExecutionStartedEvent>());
    }

    [Fact]
    public async Task CreateInstanceAsync_PolicyWithoutTheFinishedStatus_RefusedBeforeAnyWrite()
    {
        await using TestHub hub = await TestHub.StartAsync();
        hub.AddWorker(w => HelloWorker(w));
        await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Hello3") { InstanceId = "kept", Input = Json.Of("a") });
        InstanceSnapshot first = await hub.WaitForCompletionAsync("kept");
        int commits = hub.Store.CommitCalls;

        var ex = await Assert.ThrowsAsync<InstanceAlreadyExistsException>(() => hub.Engine.CreateInstanceAsync(
            new StartInstanceRequest("Hello3") { InstanceId = "kept", Input = Json.Of("b"), ReplaceableStatuses = [OrchestrationStatus.Failed] }));

        Assert.Equal(OrchestrationStatus.Completed, ex.Status);
        Assert.Contains("reuse policy", ex.Message, StringComparison.Ordinal);
        Assert.Equal(commits, hub.Store.CommitCalls);
        InstanceSnapshot after = (await hub.Engine.GetInstanceAsync("kept", includePayloads: true))!;
        Assert.Equal(first.ExecutionId, after.ExecutionId);
        Assert.Equal(first.SerializedOutput, after.SerializedOutput);
    }

    [Fact]
    public async Task CreateInstanceAsync_PolicyWithTheFinishedStatus_ReplacesIt()
    {
        await using TestHub hub = await TestHub.StartAsync();
        hub.AddWorker(w => HelloWorker(w));
        await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Hello3") { InstanceId = "reused", Input = Json.Of("a") });
        InstanceSnapshot first = await hub.WaitForCompletionAsync("reused");

        await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Hello3")
        {
            InstanceId = "reused", Input = Json.Of("b"), ReplaceableStatuses = [OrchestrationStatus.Completed],
        });
        InstanceSnapshot second = await hub.WaitForCompletionAsync("reused");

        Assert.NotEqual(first.ExecutionId, second.ExecutionId);
        Assert.Equal("Hello, b1! Hello, b2! Hello, b3!", second.ReadOutputAs<string>());
    }

    [Fact]
    public async Task CreateInstanceAsync_PolicyListingTheActiveStatus_StillRefusedAndSaysWhy()
    {
        await using TestHub hub = await TestHub.StartAsync();
        await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Hello3") { InstanceId = "busy" });

        var ex = await Assert.ThrowsAsync<InstanceAlreadyExistsException>(() => hub.Engine.CreateInstanceAsync(
            new StartInstanceRequest("Hello3") { InstanceId = "busy", ReplaceableStatuses = [OrchestrationStatus.Pending, OrchestrationStatus.Completed] }));

        Assert.Equal(OrchestrationStatus.Pending, ex.Status);
        Assert.Contains("never replaced", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateInstanceAsync_PolicyAndNoInstance_Creates()
    {
        await using TestHub hub = await TestHub.StartAsync();

        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Hello3") { InstanceId = "fresh", ReplaceableStatuses = [] });

        Assert.Equal(OrchestrationStatus.Pending, (await hub.Engine.GetInstanceAsync(id))?.RuntimeStatus);
    }

    [Fact]
    public async Task CreateInstanceAsync_ConcurrentStartsOfSameId_ExactlyOneWins()
    {
        await using TestHub hub = await TestHub.StartAsync();

        Task<string>[] starts = Enumerable.Range(0, 5)
            .Select(_ => hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Hello3") { InstanceId = "race" }))
            .ToArray();
        await Task.WhenAll(starts).ContinueWith(_ => { }, TaskScheduler.Default);

        Assert.Equal(1, starts.Count(t => t.IsCompletedSuccessfully));
        Assert.All(starts.Where(t => !t.IsCompletedSuccessfully), t => Assert.IsType<InstanceAlreadyExistsException>(t.Exception!.InnerException));
    }

    [Fact]
    public async Task ActivityFailure_NotCaught_FailsInstanceWithDetails()
    {
        await using TestHub hub = await TestHub.StartAsync();
        hub.AddWorker(w => w
            .Orchestration<string, string>("Fragile", (ctx, _) => ctx.CallActivityAsync<string>("Boom"))
            .Activity("Boom", _ => throw new InvalidOperationException("the tool is down")));

        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Fragile"));
        InstanceSnapshot done = await hub.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationStatus.Failed, done.RuntimeStatus);
        Assert.NotNull(done.FailureDetails);
        Assert.Contains("the tool is down", done.FailureDetails!.ToString(), StringComparison.Ordinal);

        // Failure details are part of the output data: a read without payloads leaves them out.
        Assert.Null((await hub.Engine.GetInstanceAsync(id, includePayloads: false))!.FailureDetails);
        IReadOnlyList<HistoryEvent> history = await hub.Engine.GetHistoryAsync(id);
        TaskFailedEvent failed = Assert.Single(history.OfType<TaskFailedEvent>());
        Assert.Equal(typeof(InvalidOperationException).FullName, failed.FailureDetails.ErrorType);
    }

    [Fact]
    public async Task ActivityFailure_Caught_OrchestratorCompletes()
    {
        await using TestHub hub = await TestHub.StartAsync();
        hub.AddWorker(w => w
            .Orchestration<string, string>("Careful", async (ctx, _) =>
            {
                try
                {
                    return await ctx.CallActivityAsync<string>("Boom");
                }
                catch (TaskFailedException ex)
                {
                    return "recovered: " + ex.FailureDetails.ErrorMessage;
                }
            })
            .Activity("Boom", _ => throw new InvalidOperationException("nope")));

        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Careful"));
        InstanceSnapshot done = await hub.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationStatus.Completed, done.RuntimeStatus);
        Assert.Equal("recovered: nope", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task GetInstanceAsync_Unknown_ReturnsNull()
    {
        await using TestHub hub = await TestHub.StartAsync();

        Assert.Null(await hub.Engine.GetInstanceAsync("nobody"));
        await Assert.ThrowsAsync<InstanceNotFoundException>(() => hub.Engine.GetHistoryAsync("nobody"));
        await Assert.ThrowsAsync<InstanceNotFoundException>(() => hub.Engine.WaitForInstanceCompletionAsync("nobody"));
    }

    [Fact]
    public async Task CallsBeforeStart_ThrowNotRunning()
    {
        await using TestHub hub = await TestHub.StartAsync();
        await hub.Engine.StopAsync(CancellationToken.None);

        await Assert.ThrowsAsync<TaskHubNotRunningException>(() => hub.Engine.CreateInstanceAsync(new StartInstanceRequest("X")));
        Assert.Throws<TaskHubNotRunningException>(() => hub.Engine.ConnectWorker());
    }
}
