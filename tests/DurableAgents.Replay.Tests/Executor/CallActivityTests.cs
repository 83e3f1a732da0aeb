using DurableAgents.Actions;
using DurableAgents.Converters;
using DurableAgents.Replay.Tests.Support;
using Microsoft.DurableTask;

namespace DurableAgents.Replay.Tests.Executor;

public class CallActivityTests
{
    private static readonly ITaskOrchestrator Greeter = Orchestrators.Create<string, string>(async (context, name) =>
    {
        string greeting = await context.CallActivityAsync<string>("SayHello", name);
        return greeting.ToUpperInvariant();
    });

    private readonly OrchestrationExecutor _executor = new(WebJsonDataConverter.Default);

    [Fact]
    public void CallActivityAsync_FirstEpisode_SchedulesTaskWithIdZeroAndSerializedInput()
    {
        OrchestratorExecutionResult result = _executor.Execute(Greeter, H.None, H.Start(input: "\"world\""));

        var action = EpisodeDriver.Single<ScheduleTaskAction>(result);
        Assert.Equal(0, action.Id);
        Assert.Equal("SayHello", action.Name);
        Assert.Equal("\"world\"", action.Input);
        Assert.Null(result.Completion);
    }

    [Fact]
    public void CallActivityAsync_CompletionArrivesInNewEvents_CompletesWithNextId()
    {
        HistoryEvent[] past = [.. H.Start(input: "\"world\""), H.TaskScheduled(0, "SayHello", "\"world\"")];

        OrchestratorExecutionResult result = _executor.Execute(Greeter, past, [H.OrchestratorStarted(5), H.TaskCompleted(0, "\"Hello, world!\"")]);

        var completion = EpisodeDriver.Single<CompleteOrchestrationAction>(result);
        Assert.Equal(1, completion.Id);
        Assert.Equal(OrchestrationStatus.Completed, completion.Status);
        Assert.Equal("\"HELLO, WORLD!\"", completion.Result);
        Assert.Same(completion, result.Completion);
    }

    [Fact]
    public void CallActivityAsync_PastEventsEndWithoutTheRecordedCompletion_FailsAsNondeterministic()
    {
        // Past events are committed episodes: the code completing in them means the completion must be recorded too.
        HistoryEvent[] past = [.. H.Start(input: "\"world\""), H.TaskScheduled(0, "SayHello"), H.OrchestratorStarted(1), H.TaskCompleted(0, "\"hi\"")];

        OrchestratorExecutionResult result = _executor.Execute(Greeter, past, H.None);

        var completion = EpisodeDriver.Single<CompleteOrchestrationAction>(result);
        Assert.Equal(OrchestrationStatus.Failed, completion.Status);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, completion.FailureDetails!.ErrorType);
    }

    [Fact]
    public void CallActivityAsync_FullCompletedHistory_ReplaysWithNoNewActions()
    {
        HistoryEvent[] past =
        [
            .. H.Start(input: "\"world\""), H.TaskScheduled(0, "SayHello"),
            H.OrchestratorStarted(1), H.TaskCompleted(0, "\"hi\""), H.Completed(OrchestrationStatus.Completed, "\"HI\""),
        ];

        OrchestratorExecutionResult result = _executor.Execute(Greeter, past, H.None);

        Assert.Empty(result.Actions);
    }

    [Fact]
    public void CallActivityAsync_Failure_ThrowsTaskFailedExceptionIntoCode()
    {
        TaskFailedException? caught = null;
        ITaskOrchestrator orchestrator = Orchestrators.Create(async context =>
        {
            try
            {
                await context.CallActivityAsync("Flaky");
                return "no failure";
            }
            catch (TaskFailedException ex)
            {
                caught = ex;
                return ex.FailureDetails.ErrorMessage;
            }
        });
        HistoryEvent[] past = [.. H.Start(), H.TaskScheduled(0, "Flaky")];

        OrchestratorExecutionResult result = _executor.Execute(orchestrator, past, [H.OrchestratorStarted(1), H.TaskFailed(0, "disk full")]);

        Assert.Equal("\"disk full\"", result.Completion!.Result);
        Assert.NotNull(caught);
        Assert.Equal("Flaky", caught.TaskName);
        Assert.Equal(0, caught.TaskId);
        Assert.Equal("System.InvalidOperationException", caught.FailureDetails.ErrorType);
    }

    [Fact]
    public void CallActivityAsync_UnhandledFailure_FailsInstanceWithActivityFailureAsInner()
    {
        ITaskOrchestrator orchestrator = Orchestrators.Create(async context => await context.CallActivityAsync<int>("Flaky"));
        HistoryEvent[] past = [.. H.Start(), H.TaskScheduled(0, "Flaky")];

        OrchestratorExecutionResult result = _executor.Execute(orchestrator, past, [H.OrchestratorStarted(1), H.TaskFailed(0, "disk full")]);

        CompleteOrchestrationAction completion = result.Completion!;
        Assert.Equal(OrchestrationStatus.Failed, completion.Status);
        Assert.Equal(typeof(TaskFailedException).FullName, completion.FailureDetails!.ErrorType);
        Assert.Contains("Flaky", completion.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal("disk full", completion.FailureDetails.InnerFailure!.ErrorMessage);
    }

    [Fact]
    public void CallActivityAsync_WhenAllFanOut_SchedulesAllAndSumsInOrder()
    {
        ITaskOrchestrator orchestrator = Orchestrators.Create(async context =>
        {
            int[] results = await Task.WhenAll(Enumerable.Range(1, 3).Select(i => context.CallActivityAsync<int>("Square", i)));
            return string.Join(",", results);
        });

        OrchestratorExecutionResult first = _executor.Execute(orchestrator, H.None, H.Start());
        Assert.Equal([0, 1, 2], first.Actions.Select(a => a.Id));
        Assert.All(first.Actions, a => Assert.Equal("Square", Assert.IsType<ScheduleTaskAction>(a).Name));

        HistoryEvent[] past = [.. H.Start(), H.TaskScheduled(0, "Square"), H.TaskScheduled(1, "Square"), H.TaskScheduled(2, "Square")];
        OrchestratorExecutionResult done = _executor.Execute(
            orchestrator, past, [H.OrchestratorStarted(1), H.TaskCompleted(2, "9"), H.TaskCompleted(0, "1"), H.TaskCompleted(1, "4")]);

        var completion = EpisodeDriver.Single<CompleteOrchestrationAction>(done);
        Assert.Equal(3, completion.Id);
        Assert.Equal("\"1,4,9\"", completion.Result);
    }

    [Fact]
    public void CallActivityAsync_ResultOfWrongShape_FaultsTheAwaitWithPayloadError()
    {
        ITaskOrchestrator orchestrator = Orchestrators.Create(async context => await context.CallActivityAsync<int>("Count"));
        HistoryEvent[] past = [.. H.Start(), H.TaskScheduled(0, "Count")];

        OrchestratorExecutionResult result = _executor.Execute(orchestrator, past, [H.OrchestratorStarted(1), H.TaskCompleted(0, "\"not a number\"")]);

        Assert.Equal(OrchestrationStatus.Failed, result.Completion!.Status);
        Assert.Equal(typeof(Converters.PayloadFormatException).FullName, result.Completion.FailureDetails!.ErrorType);
    }

    [Fact]
    public void CallActivityAsync_Tags_AreCarriedOnTheAction()
    {
        var tags = new Dictionary<string, string> { ["tenant"] = "a" };
        ITaskOrchestrator orchestrator = Orchestrators.Create(async context =>
            await context.CallActivityAsync<string>("Tagged", null, new TaskOptions(null, tags) { Version = "v2" }));

        var action = EpisodeDriver.Single<ScheduleTaskAction>(_executor.Execute(orchestrator, H.None, H.Start()));

        Assert.Equal("v2", action.Version);
        Assert.Equal("a", action.Tags!["tenant"]);
    }

    [Fact]
    public void CallActivityAsync_ConfigureAwaitFalseOnDurableTask_StaysDeterministic()
    {
        ITaskOrchestrator orchestrator = Orchestrators.Create(async context =>
        {
            int a = await context.CallActivityAsync<int>("A").ConfigureAwait(false);
            int b = await context.CallActivityAsync<int>("B").ConfigureAwait(false);
            return a + b;
        });
        var driver = new EpisodeDriver(orchestrator);

        Assert.Equal("A", EpisodeDriver.Single<ScheduleTaskAction>(driver.Start()).Name);
        Assert.Equal("B", EpisodeDriver.Single<ScheduleTaskAction>(driver.Run(1, H.TaskCompleted(0, "20"))).Name);
        OrchestratorExecutionResult done = driver.Run(2, H.TaskCompleted(1, "22"));

        Assert.Equal("42", EpisodeDriver.Single<CompleteOrchestrationAction>(done).Result);
    }
}
