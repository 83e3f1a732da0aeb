using DurableAgents.History;
using DurableAgents.TaskHub.Tests.Engine.Infrastructure;
using Microsoft.DurableTask;

namespace DurableAgents.TaskHub.Tests.Engine.DynamoDb;

/// <summary>
/// Requests the DynamoDB store can never write (over DynamoDB's item or transaction limits), on DynamoDB Local: the work
/// that made them fails with the store's reason, once, and nothing else is held up.
/// </summary>
public sealed class TaskHubEngineRefusedCommitTests(DynamoDbHubFixture dynamo) : IClassFixture<DynamoDbHubFixture>
{
    private const int Children = 60;
    private const int OverOneItem = 500 * 1024;
    private const int OverTheValueLimit = 9 * 1024 * 1024;

    private static int _bigActivityRuns;

    private static TestWorker Tasks(TestWorker worker) => worker
        .Orchestration<int, int>("StartKids", StartKidsAsync)
        .Orchestration<int, int>("StartKidsOnGo", async (ctx, n) =>
        {
            await ctx.WaitForExternalEvent<string>("go");
            return await StartKidsAsync(ctx, n);
        })
        .Orchestration<int, int>("Kid", (ctx, i) => Task.FromResult(i))
        .Orchestration<string, string>("WaitForGo", (ctx, _) => ctx.WaitForExternalEvent<string>("go"))
        .Orchestration<string, string>("Top", async (ctx, _) =>
        {
            try
            {
                await ctx.CallSubOrchestratorAsync<int>("StartKids", Children, new SubOrchestrationOptions { InstanceId = ctx.InstanceId + "-fan" });
                return "completed";
            }
            catch (TaskFailedException failed)
            {
                return failed.FailureDetails.ErrorType + ": " + failed.FailureDetails.ErrorMessage;
            }
        })
        .Orchestration<string, string>("BigResult", async (ctx, _) =>
        {
            try
            {
                string result = await ctx.CallActivityAsync<string>("Big");
                return "got " + result.Length;
            }
            catch (TaskFailedException failed)
            {
                return failed.FailureDetails.ErrorType + ": " + failed.FailureDetails.ErrorMessage;
            }
        })
        .Activity("Big", _ =>
        {
            Interlocked.Increment(ref _bigActivityRuns);
            return Json.Of(new string('x', OverTheValueLimit));
        })
        .Orchestration<string, string>("Twice", async (ctx, input) =>
        {
            ctx.SetCustomStatus(input);
            return await ctx.CallActivityAsync<string>("Double", input);
        })
        .Activity("Double", input => Json.Of(Json.Read<string>(input) + Json.Read<string>(input)));

    private static async Task<int> StartKidsAsync(TaskOrchestrationContext ctx, int n)
    {
        int[] results = await Task.WhenAll(Enumerable.Range(1, n).Select(i =>
            ctx.CallSubOrchestratorAsync<int>("Kid", i, new SubOrchestrationOptions { InstanceId = $"{ctx.InstanceId}-kid-{i}" })));
        return results.Sum();
    }

    [Fact]
    public async Task Episode_StartingSixtySubOrchestrations_FailsItsInstanceWithTheStoresReasonWhileEpisodesOfTheSameBatchCommit()
    {
        await using TestHub hub = await TestHub.StartAsync(createStore: dynamo.NewStore());
        TestWorker worker = hub.AddWorker(w => Tasks(w));
        string[] neighbours = ["n-1", "n-2", "n-3", "n-4"];
        string[] all = ["fan", .. neighbours];
        await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("StartKidsOnGo") { InstanceId = "fan", Input = Json.Of(Children) });
        foreach (string id in neighbours)
        {
            await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("WaitForGo") { InstanceId = id });
        }

        foreach (string id in all)
        {
            await hub.WaitForStatusAsync(id, OrchestrationStatus.Running);
        }

        // The episodes that get "go" are held in the worker until all five have run, then handed in while a commit is
        // held in the store: their five commits queue up and reach the store as one batch.
        int arrived = 0;
        var allArrived = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var proceed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        worker.BeforeOrchestratorCompletion = async item =>
        {
            if (item.NewEvents.OfType<EventRaisedEvent>().Any(e => e.Name == "go"))
            {
                if (Interlocked.Increment(ref arrived) == all.Length)
                {
                    allArrived.TrySetResult();
                }

                await proceed.Task;
            }
        };
        foreach (string id in all)
        {
            await hub.Engine.RaiseEventAsync(id, "go", Json.Of("now"));
        }

        await allArrived.Task.WaitAsync(TestHub.Deadline);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        hub.Store.HoldNextCommit = release.Task;
        Task<string> blocker = hub.Engine.CreateInstanceAsync(new StartInstanceRequest("WaitForGo") { InstanceId = "blocker" });
        await hub.Store.CommitHeld.Task.WaitAsync(TestHub.Deadline);
        int callsBefore = hub.Store.BatchSizes.Count;
        proceed.SetResult();
        string[] tokens = [.. worker.OrchestratorItems.Where(i => i.NewEvents.OfType<EventRaisedEvent>().Any(e => e.Name == "go")).Select(i => i.CompletionToken)];
        await WaitUntilAsync(() => tokens.All(t => !hub.Engine.IsOrchestratorWorkItemInProgress(t)));
        release.SetResult();
        await blocker.WaitAsync(TestHub.Deadline);

        InstanceSnapshot fan = await hub.WaitForCompletionAsync("fan");
        Assert.Equal(OrchestrationStatus.Failed, fan.RuntimeStatus);
        Assert.Equal(CommitRefusedException.ErrorType, fan.FailureDetails!.ErrorType);
        Assert.Contains("61 instance rows", fan.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("this episode starts 60 at once: start them in waves", fan.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.True(fan.FailureDetails.IsNonRetriable);
        foreach (string id in neighbours)
        {
            InstanceSnapshot done = await hub.WaitForCompletionAsync(id);
            Assert.Equal(OrchestrationStatus.Completed, done.RuntimeStatus);
            Assert.Equal("now", done.ReadOutputAs<string>());
        }

        Assert.Contains(hub.Store.BatchSizes.Skip(callsBefore), size => size >= all.Length);
        Assert.Null(await hub.Engine.GetInstanceAsync("fan-kid-1"));
        IReadOnlyList<HistoryEvent> history = await hub.Engine.GetHistoryAsync("fan");
        Assert.IsType<OrchestratorStartedEvent>(history[^2]);
        var end = Assert.IsType<ExecutionCompletedEvent>(history[^1]);
        Assert.Equal(OrchestrationStatus.Failed, end.Status);
        Assert.Equal(fan.FailureDetails.ErrorMessage, end.FailureDetails!.ErrorMessage);
        Assert.Empty(history.OfType<SubOrchestrationInstanceCreatedEvent>());
    }

    [Fact]
    public async Task Episode_OfASubOrchestrationStartingSixtyChildren_FailsTheCallInItsParent()
    {
        await using TestHub hub = await TestHub.StartAsync(createStore: dynamo.NewStore());
        hub.AddWorker(w => Tasks(w));

        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Top") { InstanceId = "top" });
        InstanceSnapshot top = await hub.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationStatus.Completed, top.RuntimeStatus);
        string output = top.ReadOutputAs<string>()!;
        Assert.StartsWith(CommitRefusedException.ErrorType + ": The orchestration failed because the store cannot save what its episode did: ", output, StringComparison.Ordinal);
        Assert.Contains("61 instance rows", output, StringComparison.Ordinal);
        Assert.Equal(OrchestrationStatus.Failed, (await hub.Engine.GetInstanceAsync("top-fan"))!.RuntimeStatus);
    }

    [Fact]
    public async Task ActivityResultOver8MB_FailsThatActivityOnceAndTheOrchestrationSeesTheReason()
    {
        await using TestHub hub = await TestHub.StartAsync(createStore: dynamo.NewStore());
        hub.AddWorker(w => Tasks(w));
        int runsBefore = Volatile.Read(ref _bigActivityRuns);

        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("BigResult") { InstanceId = "big-result" });
        InstanceSnapshot done = await hub.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationStatus.Completed, done.RuntimeStatus);
        string output = done.ReadOutputAs<string>()!;
        Assert.StartsWith(CommitRefusedException.ErrorType + ": The activity 'Big' ran, but the store cannot save its result: ", output, StringComparison.Ordinal);
        Assert.Contains("(TaskCompletedEvent) for instance 'big-result'", output, StringComparison.Ordinal);
        Assert.Contains("up to 8388608 bytes", output, StringComparison.Ordinal);
        Assert.Equal(1, Volatile.Read(ref _bigActivityRuns) - runsBefore);
        TaskFailedEvent failed = Assert.Single((await hub.Engine.GetHistoryAsync(id)).OfType<TaskFailedEvent>());
        Assert.True(failed.FailureDetails.IsNonRetriable);
    }

    [Fact]
    public async Task ClientStartAndRaiseOver8MB_ThrowCommitRefusedAndChangeNothing()
    {
        await using TestHub hub = await TestHub.StartAsync(createStore: dynamo.NewStore());
        hub.AddWorker(w => Tasks(w));
        string huge = Json.Of(new string('x', OverTheValueLimit));
        string waiting = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("WaitForGo") { InstanceId = "waiting" });
        await hub.WaitForStatusAsync(waiting, OrchestrationStatus.Running);

        var start = await Assert.ThrowsAsync<CommitRefusedException>(() =>
            hub.Engine.CreateInstanceAsync(new StartInstanceRequest("WaitForGo") { InstanceId = "big-input", Input = huge }));
        var raise = await Assert.ThrowsAsync<CommitRefusedException>(() => hub.Engine.RaiseEventAsync(waiting, "go", huge));

        Assert.Contains("instance 'big-input'", start.Message, StringComparison.Ordinal);
        Assert.Contains("(EventRaisedEvent) for instance 'waiting'", raise.Message, StringComparison.Ordinal);
        Assert.Null(await hub.Engine.GetInstanceAsync("big-input"));
        string large = new('y', OverOneItem);
        await hub.Engine.RaiseEventAsync(waiting, "go", Json.Of(large));
        Assert.Equal(large, (await hub.WaitForCompletionAsync(waiting)).ReadOutputAs<string>());
    }

    [Fact]
    public async Task ValuesOverOneItem_InputStatusResultAndOutput_GoThroughWhole()
    {
        await using TestHub hub = await TestHub.StartAsync(createStore: dynamo.NewStore());
        hub.AddWorker(w => Tasks(w));
        string input = new('z', OverOneItem);

        string id = await hub.Engine.CreateInstanceAsync(new StartInstanceRequest("Twice") { InstanceId = "twice", Input = Json.Of(input) });
        InstanceSnapshot done = await hub.WaitForCompletionAsync(id);

        Assert.Equal(OrchestrationStatus.Completed, done.RuntimeStatus);
        Assert.Equal(input + input, done.ReadOutputAs<string>());
        Assert.Equal(Json.Of(input), done.SerializedCustomStatus);
        TaskCompletedEvent completed = Assert.Single((await hub.Engine.GetHistoryAsync(id)).OfType<TaskCompletedEvent>());
        Assert.Equal(Json.Of(input + input), completed.Result);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(TestHub.Deadline);
        while (!condition())
        {
            await Task.Delay(10, deadline.Token);
        }
    }
}
