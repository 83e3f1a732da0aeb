using DurableAgents.Conformance.Tests.Infrastructure;
using Kind = Microsoft.DurableTask.Protobuf.HistoryEvent.EventTypeOneofCase;
using ProtoStatus = Microsoft.DurableTask.Protobuf.OrchestrationStatus;

namespace DurableAgents.Conformance.Tests.Scenarios;

using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

/// <summary>Failures: activity errors caught and uncaught, orchestrator errors, retry policies, nondeterministic code.</summary>
public abstract partial class ConformanceScenarios
{
    private const string CallFailing = "CallFailing";
    private const string CatchFailing = "CatchFailing";
    private const string Fail = "Fail";
    private const string Throwing = "Throwing";
    private const string RetryFlaky = "RetryFlaky";
    private const string Flaky = "Flaky";
    private const string RetryFailing = "RetryFailing";
    private const string Nondeterministic = "Nondeterministic";
    private const string ActivityA = "ActivityA";
    private const string ActivityB = "ActivityB";

    [Fact]
    public async Task ActivityFailure_Uncaught_OrchestrationFailsWithTaskFailedAndInnerFailure()
    {
        string id = NewInstanceId("activity-fails");

        OrchestrationMetadata result = await RunAsync(CallFailing, "disk full", id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        TaskFailureDetails failure = result.FailureDetails!;
        Assert.Equal(typeof(TaskFailedException).FullName, failure.ErrorType);
        Assert.Contains(Fail, failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("disk full", failure.ErrorMessage, StringComparison.Ordinal);
        Assert.NotNull(failure.InnerFailure);
        Assert.Equal(typeof(InvalidOperationException).FullName, failure.InnerFailure.ErrorType);
        Assert.Equal("disk full", failure.InnerFailure.ErrorMessage);
        HistoryShape history = await HistoryAsync(id);
        Assert.Equal([Kind.ExecutionStarted, Kind.TaskScheduled, Kind.TaskFailed, Kind.ExecutionCompleted], history.Kinds);
        Assert.Equal(typeof(InvalidOperationException).FullName, history.One(Kind.TaskFailed).TaskFailed.FailureDetails.ErrorType);
        Assert.Equal(ProtoStatus.Failed, history.Completed.OrchestrationStatus);
        Assert.Equal(typeof(TaskFailedException).FullName, history.Completed.FailureDetails.ErrorType);
    }

    [Fact]
    public async Task ActivityFailure_CaughtAsTaskFailedException_OrchestrationCompletes()
    {
        string id = NewInstanceId("activity-fails-caught");

        OrchestrationMetadata result = await RunAsync(CatchFailing, "disk full", id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(new FailureReport(Fail, typeof(InvalidOperationException).FullName!, "disk full"), result.ReadOutputAs<FailureReport>());
        HistoryShape history = await HistoryAsync(id);
        Assert.Equal([Kind.ExecutionStarted, Kind.TaskScheduled, Kind.TaskFailed, Kind.ExecutionCompleted], history.Kinds);
        Assert.Equal(ProtoStatus.Completed, history.Completed.OrchestrationStatus);
    }

    [Fact]
    public async Task Orchestrator_Throws_FailedWithTheExceptionsTypeAndMessage()
    {
        string id = NewInstanceId("orchestrator-throws");

        OrchestrationMetadata result = await RunAsync(Throwing, "bad input", id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(typeof(InvalidOperationException).FullName, result.FailureDetails!.ErrorType);
        Assert.Equal("orchestrator rejected bad input", result.FailureDetails.ErrorMessage);
        HistoryShape history = await HistoryAsync(id);
        Assert.Equal([Kind.ExecutionStarted, Kind.ExecutionCompleted], history.Kinds);
        Assert.Equal(ProtoStatus.Failed, history.Completed.OrchestrationStatus);
        Assert.Equal("orchestrator rejected bad input", history.Completed.FailureDetails.ErrorMessage);
    }

    [Fact]
    public async Task RetryPolicy_SucceedsOnThirdAttempt_ThreeAttemptsRecorded()
    {
        string id = NewInstanceId("retry-succeeds");

        OrchestrationMetadata result = await RunAsync(RetryFlaky, 3, id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(3, result.ReadOutputAs<int>());
        HistoryShape history = await HistoryAsync(id);
        Assert.Equal(3, history.Count(Kind.TaskScheduled));
        Assert.Equal(2, history.Count(Kind.TaskFailed));
        Assert.Equal(1, history.Count(Kind.TaskCompleted));

        // The SDK waits between attempts with durable timers.
        Assert.Equal(2, history.Count(Kind.TimerCreated));
        Assert.Equal(2, history.Count(Kind.TimerFired));
        Assert.All(history.All(Kind.TaskScheduled), e => Assert.Equal(Flaky, e.TaskScheduled.Name));
    }

    [Fact]
    public async Task RetryPolicy_Exhausted_OrchestrationFailsAfterMaxAttempts()
    {
        string id = NewInstanceId("retry-exhausted");

        OrchestrationMetadata result = await RunAsync(RetryFailing, 2, id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        Assert.Equal(typeof(TaskFailedException).FullName, result.FailureDetails!.ErrorType);
        Assert.Equal(typeof(InvalidOperationException).FullName, result.FailureDetails.InnerFailure?.ErrorType);
        HistoryShape history = await HistoryAsync(id);
        Assert.Equal(2, history.Count(Kind.TaskScheduled));
        Assert.Equal(2, history.Count(Kind.TaskFailed));
        Assert.Equal(0, history.Count(Kind.TaskCompleted));
        Assert.Equal(ProtoStatus.Failed, history.Completed.OrchestrationStatus);
    }

    [Fact]
    public async Task NondeterministicOrchestrator_ReplayCallsAnotherActivity_FailsNamingTheActivity()
    {
        // The code must really replay to meet its history: ours would otherwise keep the first execution's state.
        await using ConformanceEnvironment environment = await StartDedicatedEnvironmentAsync(new ConformanceEnvironmentOptions { ReplayEveryEpisode = true });
        string id = NewInstanceId("nondeterministic");

        OrchestrationMetadata result = await RunAsync(environment.Client, Nondeterministic, null, id);

        Assert.Equal(OrchestrationRuntimeStatus.Failed, result.RuntimeStatus);
        string message = result.FailureDetails!.ErrorMessage;
        Assert.Contains("NonDeterministic", result.FailureDetails.ErrorType, StringComparison.Ordinal);
        Assert.Contains($"'{ActivityA}'", message, StringComparison.Ordinal);
        Assert.Contains($"'{ActivityB}'", message, StringComparison.Ordinal);
        HistoryShape history = await environment.ReadHistoryAsync(id, TestDeadline.Token());
        Assert.Equal(ActivityA, history.All(Kind.TaskScheduled)[0].TaskScheduled.Name);

        // Only the first execution's activity ran; the replay's ActivityB was never executed.
        Assert.Equal(1, history.Count(Kind.TaskCompleted));
        Assert.Equal(ProtoStatus.Failed, history.Completed.OrchestrationStatus);
        Assert.Equal(result.FailureDetails.ErrorMessage, history.Completed.FailureDetails.ErrorMessage);
    }

    private static void RegisterFailureScenarios(DurableTaskRegistry registry)
    {
        registry.AddActivityFunc<string, string>(Fail, (_, message) => Reject(message));
        registry.AddOrchestratorFunc<string, string>(CallFailing, (context, message) => context.CallActivityAsync<string>(Fail, message));
        registry.AddOrchestratorFunc<string, FailureReport>(CatchFailing, async (context, message) =>
        {
            try
            {
                await context.CallActivityAsync<string>(Fail, message);
                return new FailureReport("none", "none", "the activity did not fail");
            }
            catch (TaskFailedException e)
            {
                return new FailureReport(e.TaskName, e.FailureDetails.ErrorType, e.FailureDetails.ErrorMessage);
            }
        });
        registry.AddOrchestratorFunc<string, string>(Throwing, (_, input) => Reject($"orchestrator rejected {input}"));

        registry.AddOrchestratorFunc<int, int>(RetryFlaky, (context, attempts) =>
            context.CallActivityAsync<int>(Flaky, context.InstanceId, RetryOptions(attempts)));
        registry.AddActivityFunc<string, int>(Flaky, (_, key) =>
        {
            int attempt = ScenarioState.NextAttempt(key);
            return attempt < 3 ? throw new InvalidOperationException($"attempt {attempt} fails") : attempt;
        });
        registry.AddOrchestratorFunc<int, string>(RetryFailing, (context, attempts) =>
            context.CallActivityAsync<string>(Fail, "always fails", RetryOptions(attempts)));

        // Deliberately broken: the first execution calls ActivityA, every replay calls ActivityB instead.
        registry.AddOrchestratorFunc<object?, string>(Nondeterministic, (context, _) =>
            context.CallActivityAsync<string>(ScenarioState.FirstExecution(context.InstanceId) ? ActivityA : ActivityB));
        registry.AddActivityFunc<string>(ActivityA, _ => "A");
        registry.AddActivityFunc<string>(ActivityB, _ => "B");
    }

    private static TaskOptions RetryOptions(int maxAttempts) =>
        TaskOptions.FromRetryPolicy(new RetryPolicy(maxAttempts, TimeSpan.FromMilliseconds(100)));

    // A typed throw helper, so the lambdas above bind to the synchronous overloads.
    private static string Reject(string message) => throw new InvalidOperationException(message);
}
