using DurableAgents.Activities;
using DurableAgents.Converters;
using DurableAgents.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Proto = Microsoft.DurableTask.Protobuf;

namespace DurableAgents.Integration.Tests.Worker;

public sealed class GrpcDurableTaskWorkerTests
{
    [Fact]
    public async Task Start_SidecarUp_SendsHelloThenLimitsFiltersAndCapabilityHeader()
    {
        await using var harness = await WorkerHarness.StartAsync(
            r => r.AddOrchestratorFunc<string>("Flow", _ => Task.FromResult("done")).AddActivityFunc<int, int>("Double", (_, x) => x * 2),
            o =>
            {
                o.MaxConcurrentOrchestrators = 7;
                o.MaxConcurrentActivities = 3;
            });

        var stream = await harness.Sidecar!.StreamsOpened.NextAsync("the worker to open the work-item stream");

        Assert.True(harness.Sidecar.HelloCount >= 1);
        Assert.Equal(7, stream.Request.MaxConcurrentOrchestrationWorkItems);
        Assert.Equal(3, stream.Request.MaxConcurrentActivityWorkItems);
        Assert.Equal(["Flow"], stream.Request.WorkItemFilters.Orchestrations.Select(f => f.Name));
        Assert.Equal(["Double"], stream.Request.WorkItemFilters.Activities.Select(f => f.Name));
        Assert.Equal("history-cache", stream.Headers["x-durableagents-capabilities"].ToString());
    }

    [Fact]
    public async Task Start_CacheDisabled_AnnouncesNoCapability()
    {
        await using var harness = await WorkerHarness.StartAsync(r => r.AddActivityFunc<int, int>("Double", (_, x) => x * 2), o => o.MaxCachedOrchestrations = 0);

        var stream = await harness.Sidecar!.StreamsOpened.NextAsync("the worker to open the work-item stream");

        Assert.False(stream.Headers.ContainsKey("x-durableagents-capabilities"));
    }

    [Fact]
    public async Task Start_ApiKeyConfigured_SendsItOnTheStream()
    {
        await using var harness = await WorkerHarness.StartAsync(r => r.AddActivityFunc<int, int>("Double", (_, x) => x * 2), o => o.ApiKey = "worker-key");

        var stream = await harness.Sidecar!.StreamsOpened.NextAsync("the worker to open the work-item stream");

        Assert.Equal("worker-key", stream.Headers["x-api-key"].ToString());
    }

    [Fact]
    public async Task ActivityWorkItem_Registered_CompletesWithSerializedResult()
    {
        TaskActivityContext? seen = null;
        await using var harness = await WorkerHarness.StartAsync(r => r.AddActivityFunc<Order, Receipt>("Charge", (context, order) =>
        {
            seen = context;
            return new Receipt($"{order.Id}-paid", order.Amount);
        }));

        // The worker's default converter is the SDK's JsonDataConverter.Default: property names as declared, case-sensitive.
        await harness.Sidecar!.WorkItems.Writer.WriteAsync(WorkItems.Activity("Charge", """{"Id":"o-7","Amount":12.5}""", "i-9", taskId: 4, token: "t-1"));
        var response = await harness.Sidecar.ActivityCompletions.NextAsync("the activity result");

        Assert.Equal("i-9", response.InstanceId);
        Assert.Equal(4, response.TaskId);
        Assert.Equal("t-1", response.CompletionToken);
        Assert.Null(response.FailureDetails);
        Assert.Equal("""{"ReceiptId":"o-7-paid","Amount":12.5}""", response.Result);
        Assert.Equal("Charge", seen?.Name.Name);
        Assert.Equal("i-9", seen?.InstanceId);
        Assert.Equal(4, (seen as IActivityInvocation)?.TaskId);
        Assert.Equal("i-9:4", seen?.GetIdempotencyKey());
    }

    [Fact]
    public async Task ActivityWorkItem_Unknown_CompletesWithFailureListingRegisteredNames()
    {
        await using var harness = await WorkerHarness.StartAsync(r => r.AddActivityFunc<int, int>("Double", (_, x) => x * 2));

        await harness.Sidecar!.WorkItems.Writer.WriteAsync(WorkItems.Activity("Tripple", "3"));
        var response = await harness.Sidecar.ActivityCompletions.NextAsync("the activity failure");

        Assert.Null(response.Result);
        Assert.Equal(typeof(TaskNotRegisteredException).FullName, response.FailureDetails.ErrorType);
        Assert.Contains("'Tripple'", response.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("'Double'", response.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ActivityWorkItem_ThrowsNonRetriableFailure_ReportsNonRetriableDetails()
    {
        await using var harness = await WorkerHarness.StartAsync(r => r
            .AddActivityFunc<int, int>("Validate", (_, _) => Fail(new BudgetExceededException("over budget")))
            .AddActivityFunc<int, int>("Flaky", (_, _) => Fail(new InvalidOperationException("try again", new TimeoutException("slow")))));

        await harness.Sidecar!.WorkItems.Writer.WriteAsync(WorkItems.Activity("Validate", "1", token: "v"));
        var nonRetriable = await harness.Sidecar.ActivityCompletions.NextAsync("the first activity failure");
        await harness.Sidecar.WorkItems.Writer.WriteAsync(WorkItems.Activity("Flaky", "1", token: "f"));
        var retriable = await harness.Sidecar.ActivityCompletions.NextAsync("the second activity failure");

        Assert.Equal("v", nonRetriable.CompletionToken);
        Assert.True(nonRetriable.FailureDetails.IsNonRetriable);
        Assert.Equal("over budget", nonRetriable.FailureDetails.ErrorMessage);
        Assert.Equal(typeof(BudgetExceededException).FullName, nonRetriable.FailureDetails.ErrorType);
        Assert.False(retriable.FailureDetails.IsNonRetriable);
        Assert.Equal(typeof(InvalidOperationException).FullName, retriable.FailureDetails.ErrorType);
        Assert.Equal("slow", retriable.FailureDetails.InnerFailure.ErrorMessage);
    }

    [Fact]
    public async Task ActivityWorkItem_InputNotValidJson_ReportsPayloadFailure()
    {
        // WebJsonDataConverter (the host's converter) reports bad payloads as PayloadFormatException.
        await using var harness = await WorkerHarness.StartAsync(
            r => r.AddActivityFunc<int, int>("Double", (_, x) => x * 2),
            services: services => services.Configure<DurableTaskWorkerOptions>(o => o.DataConverter = WebJsonDataConverter.Default));

        await harness.Sidecar!.WorkItems.Writer.WriteAsync(WorkItems.Activity("Double", "not json"));
        var response = await harness.Sidecar.ActivityCompletions.NextAsync("the activity failure");

        Assert.Equal(typeof(DurableAgents.Converters.PayloadFormatException).FullName, response.FailureDetails.ErrorType);
    }

    [Fact]
    public async Task ActivityWorkItems_ScopedService_EachExecutionGetsItsOwnScope()
    {
        var scopes = new System.Collections.Concurrent.ConcurrentBag<ScopedCounter>();
        await using var harness = await WorkerHarness.StartAsync(
            r => r.AddActivity<ScopeReportingActivity>(),
            services: s => s.AddScoped<ScopedCounter>().AddSingleton(scopes));

        await harness.Sidecar!.WorkItems.Writer.WriteAsync(WorkItems.Activity(nameof(ScopeReportingActivity), null, taskId: 1, token: "s1"));
        await harness.Sidecar.WorkItems.Writer.WriteAsync(WorkItems.Activity(nameof(ScopeReportingActivity), null, taskId: 2, token: "s2"));
        await harness.Sidecar.ActivityCompletions.NextAsync("the first activity result");
        await harness.Sidecar.ActivityCompletions.NextAsync("the second activity result");

        Assert.Equal(2, scopes.Distinct().Count());
        Assert.All(scopes, s => Assert.True(s.Disposed));
    }

    [Fact]
    public async Task OrchestratorWorkItems_TwoEpisodes_SecondIsServedFromTheCache()
    {
        await using var harness = await WorkerHarness.StartAsync(r => r.AddOrchestratorFunc<string, string>("Hello", async (context, name) =>
            await context.CallActivityAsync<string>("Greet", name)));
        var sidecar = harness.Sidecar!;

        await sidecar.WorkItems.Writer.WriteAsync(WorkItems.Orchestrator("i-1", [], WorkItems.FirstEpisode("Hello", "i-1", "\"Ada\""), token: "o1"));
        var first = await sidecar.OrchestratorCompletions.NextAsync("the first episode's actions");
        await sidecar.WorkItems.Writer.WriteAsync(
            WorkItems.Orchestrator("i-1", [], WorkItems.TaskCompletedEpisode(0, "\"Hello Ada\""), token: "o2", pastEventCount: 3));
        var second = await sidecar.OrchestratorCompletions.NextAsync("the second episode's actions");

        Assert.Equal("o1", first.CompletionToken);
        Assert.Equal("Greet", Assert.Single(first.Actions).ScheduleTask.Name);
        Assert.Equal("o2", second.CompletionToken);
        Assert.False(second.RequiresHistory);
        var completion = Assert.Single(second.Actions).CompleteOrchestration;
        Assert.Equal(Proto.OrchestrationStatus.Completed, completion.OrchestrationStatus);
        Assert.Equal("\"Hello Ada\"", completion.Result);
    }

    [Fact]
    public async Task OrchestratorWorkItems_FirstCompletionRefused_NextPartialWorkItemAsksForTheFullHistory()
    {
        await using var harness = await WorkerHarness.StartAsync(r => r.AddOrchestratorFunc<string, string>("Hello", async (context, name) =>
            await context.CallActivityAsync<string>("Greet", name)));
        var sidecar = harness.Sidecar!;
        sidecar.RejectOrchestratorCompletions = true;

        await sidecar.WorkItems.Writer.WriteAsync(WorkItems.Orchestrator("i-1", [], WorkItems.FirstEpisode("Hello", "i-1", "\"Ada\""), token: "o1"));
        await sidecar.OrchestratorCompletions.NextAsync("the refused first episode");
        await harness.Logs.WaitForAsync(m => m.Contains("did not accept the result", StringComparison.Ordinal)).WithinDeadline("the refusal to be logged");
        sidecar.RejectOrchestratorCompletions = false;
        await sidecar.WorkItems.Writer.WriteAsync(
            WorkItems.Orchestrator("i-1", [], WorkItems.TaskCompletedEpisode(0, "\"Hello Ada\""), token: "o2", pastEventCount: 3));
        var second = await sidecar.OrchestratorCompletions.NextAsync("the answer to the partial work item");

        Assert.True(second.RequiresHistory);
        Assert.Empty(second.Actions);
    }

    [Fact]
    public async Task OrchestratorWorkItem_PartialHistoryNotCached_AsksForTheFullHistory()
    {
        await using var harness = await WorkerHarness.StartAsync(r => r.AddOrchestratorFunc<string, string>("Hello", async (context, name) =>
            await context.CallActivityAsync<string>("Greet", name)));

        await harness.Sidecar!.WorkItems.Writer.WriteAsync(
            WorkItems.Orchestrator("i-2", [], WorkItems.TaskCompletedEpisode(0, "\"Hello Ada\""), token: "o3", pastEventCount: 3));
        var response = await harness.Sidecar.OrchestratorCompletions.NextAsync("the worker's answer");

        Assert.True(response.RequiresHistory);
        Assert.Empty(response.Actions);
        Assert.Equal("o3", response.CompletionToken);
        Assert.Equal("i-2", response.InstanceId);
    }

    [Fact]
    public async Task OrchestratorWorkItem_UnknownOrchestrator_CompletesAsFailed()
    {
        await using var harness = await WorkerHarness.StartAsync(r => r.AddActivityFunc<int, int>("Double", (_, x) => x * 2));

        await harness.Sidecar!.WorkItems.Writer.WriteAsync(WorkItems.Orchestrator("i-3", [], WorkItems.FirstEpisode("Nope", "i-3", null)));
        var response = await harness.Sidecar.OrchestratorCompletions.NextAsync("the failed completion");

        var completion = Assert.Single(response.Actions).CompleteOrchestration;
        Assert.Equal(Proto.OrchestrationStatus.Failed, completion.OrchestrationStatus);
        Assert.Contains("No orchestrator named 'Nope'", completion.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stream_EndedBySidecar_WorkerReconnectsAndKeepsWorking()
    {
        await using var harness = await WorkerHarness.StartAsync(r => r.AddActivityFunc<int, int>("Double", (_, x) => x * 2));
        var sidecar = harness.Sidecar!;
        await sidecar.StreamsOpened.NextAsync("the first stream");

        sidecar.EndCurrentStream();
        await sidecar.StreamsOpened.NextAsync("the worker to open a second stream");
        await sidecar.WorkItems.Writer.WriteAsync(WorkItems.Activity("Double", "21"));
        var response = await sidecar.ActivityCompletions.NextAsync("an activity result on the new stream");

        Assert.Equal("42", response.Result);
        Assert.True(sidecar.HelloCount >= 2);
        Assert.Contains(harness.Logs.Messages, m => m.Contains("ended the work-item stream", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Start_NothingListening_LogsItAndConnectsOnceTheSidecarStarts()
    {
        var port = FreePort.Find();
        var address = $"http://127.0.0.1:{port}";
        await using var harness = await WorkerHarness.StartWithoutSidecarAsync(address, r => r.AddActivityFunc<int, int>("Double", (_, x) => x * 2));

        var logged = await harness.Logs.WaitForAsync(m => m.StartsWith("No sidecar is listening at", StringComparison.Ordinal))
            .WithinDeadline("the worker to report that no sidecar is listening");
        await using var sidecar = await FakeSidecar.StartAsync(port);
        await sidecar.StreamsOpened.NextAsync("the worker to connect to the late sidecar");

        Assert.Contains(address, logged, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Activities_MoreThanTheLimit_RunAtMostTheLimitAtOnce()
    {
        var running = 0;
        var maxRunning = 0;
        var gate = new SemaphoreSlim(0);
        var twoRunning = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var harness = await WorkerHarness.StartAsync(
            r => r.AddActivityFunc<int, int>("Slow", async (_, x) =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref maxRunning, now);
                if (now == 2)
                {
                    twoRunning.TrySetResult();
                }

                await gate.WaitAsync();
                Interlocked.Decrement(ref running);
                return x;
            }),
            o => o.MaxConcurrentActivities = 2);
        var sidecar = harness.Sidecar!;

        for (var i = 0; i < 5; i++)
        {
            await sidecar.WorkItems.Writer.WriteAsync(WorkItems.Activity("Slow", i.ToString(System.Globalization.CultureInfo.InvariantCulture), taskId: i, token: $"t{i}"));
        }

        await twoRunning.Task.WithinDeadline("two activities to be running");
        var results = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            gate.Release();
            results.Add((await sidecar.ActivityCompletions.NextAsync($"activity result {i}")).Result);
        }

        Assert.Equal(["0", "1", "2", "3", "4"], results.Order());
        Assert.Equal(2, maxRunning);
    }

    [Fact]
    public async Task Stop_ActivityFinishesWithinTimeout_CompletesItInsteadOfAbandoning()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var harness = await WorkerHarness.StartAsync(
            r => r.AddActivityFunc<int, int>("Slow", async (_, x) =>
            {
                started.TrySetResult();
                await release.Task;
                return x + 1;
            }),
            o => o.ShutdownTimeout = TestWait.Deadline);
        var sidecar = harness.Sidecar!;
        await sidecar.WorkItems.Writer.WriteAsync(WorkItems.Activity("Slow", "1", token: "drain-me"));
        await started.Task.WithinDeadline("the activity to start");

        var stopping = harness.StopAsync();
        await harness.Logs.WaitForAsync(m => m.Contains("stopping: waiting", StringComparison.Ordinal)).WithinDeadline("the worker to start draining");
        release.SetResult();
        await stopping.WithinDeadline("the host to stop");

        var response = await sidecar.ActivityCompletions.NextAsync("the drained activity's result");
        Assert.Equal("2", response.Result);
        Assert.Equal("drain-me", response.CompletionToken);
        Assert.False(sidecar.AbandonedActivities.Reader.TryRead(out _));
    }

    [Fact]
    public async Task Stop_ActivityOutlivesTimeout_AbandonsItAndCancelsItsToken()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var harness = await WorkerHarness.StartAsync(
            r => r.AddActivityFunc<int, int>("Endless", async (context, x) =>
            {
                context.GetCancellationToken().Register(() => cancelled.TrySetResult());
                started.TrySetResult();
                await Task.Delay(Timeout.Infinite, context.GetCancellationToken());
                return x;
            }),
            o => o.ShutdownTimeout = TimeSpan.FromMilliseconds(100));
        var sidecar = harness.Sidecar!;
        await sidecar.WorkItems.Writer.WriteAsync(WorkItems.Activity("Endless", "1", token: "give-back"));
        await started.Task.WithinDeadline("the activity to start");

        await harness.StopAsync().WithinDeadline("the host to stop");

        Assert.Equal("give-back", await sidecar.AbandonedActivities.NextAsync("the abandoned work item"));
        await cancelled.Task.WithinDeadline("the activity's token to be cancelled");
        Assert.False(sidecar.ActivityCompletions.Reader.TryRead(out _));
        Assert.Contains(harness.Logs.Messages, m => m.Contains("handed back to the sidecar", StringComparison.Ordinal));
    }

    private static int Fail(Exception exception) => throw exception;

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    private sealed record Order(string Id, decimal Amount);

    private sealed record Receipt(string ReceiptId, decimal Amount);

    private sealed class BudgetExceededException(string message) : Exception(message), INonRetriableFailure;

    private sealed class ScopedCounter : IDisposable
    {
        public bool Disposed { get; private set; }

        public void Dispose() => Disposed = true;
    }

    private sealed class ScopeReportingActivity(ScopedCounter counter, System.Collections.Concurrent.ConcurrentBag<ScopedCounter> scopes)
        : TaskActivity<object?, int>
    {
        public override Task<int> RunAsync(TaskActivityContext context, object? input)
        {
            scopes.Add(counter);
            return Task.FromResult(((IActivityInvocation)context).TaskId);
        }
    }
}
