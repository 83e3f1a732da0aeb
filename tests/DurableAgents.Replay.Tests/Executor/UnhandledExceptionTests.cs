using DurableAgents.Converters;
using Microsoft.DurableTask;

namespace DurableAgents.Replay.Tests.Executor;

public class UnhandledExceptionTests
{
    private readonly OrchestrationExecutor _executor = new(WebJsonDataConverter.Default);

    [Fact]
    public void Execute_CodeThrows_FailsWithTypeMessageStackAndInner()
    {
        ITaskOrchestrator orchestrator = Orchestrators.Create(async context =>
        {
            await context.CallActivityAsync("A");
            throw new InvalidOperationException("order is inconsistent", new ArgumentException("quantity must be positive"));
#pragma warning disable CS0162 // The return type is needed for the lambda's shape.
            return 0;
#pragma warning restore CS0162
        });
        HistoryEvent[] past = [.. H.Start(), H.TaskScheduled(0, "A")];

        OrchestratorExecutionResult result = _executor.Execute(orchestrator, past, [H.OrchestratorStarted(1), H.TaskCompleted(0, null)]);

        var completion = EpisodeDriver.Single<CompleteOrchestrationAction>(result);
        Assert.Equal(1, completion.Id);
        Assert.Equal(OrchestrationStatus.Failed, completion.Status);
        FailureDetails details = completion.FailureDetails!;
        Assert.Equal("System.InvalidOperationException", details.ErrorType);
        Assert.Equal("order is inconsistent", details.ErrorMessage);
        Assert.Contains(nameof(Execute_CodeThrows_FailsWithTypeMessageStackAndInner), details.StackTrace, StringComparison.Ordinal);
        Assert.Equal("System.ArgumentException", details.InnerFailure!.ErrorType);
        Assert.Equal("quantity must be positive", details.InnerFailure.ErrorMessage);
    }

    [Fact]
    public void Execute_SynchronousThrowOutsideAsyncCode_FailsTheInstance()
    {
        ITaskOrchestrator orchestrator = Orchestrators.Create<int>(_ => throw new NotSupportedException("sync"));

        var completion = EpisodeDriver.Single<CompleteOrchestrationAction>(_executor.Execute(orchestrator, H.None, H.Start()));

        Assert.Equal(0, completion.Id);
        Assert.Equal("System.NotSupportedException", completion.FailureDetails!.ErrorType);
    }

    [Fact]
    public void Execute_InputOfWrongShape_FailsWithPayloadError()
    {
        ITaskOrchestrator orchestrator = Orchestrators.Create<int, int>((_, n) => Task.FromResult(n));

        var completion = EpisodeDriver.Single<CompleteOrchestrationAction>(_executor.Execute(orchestrator, H.None, H.Start(input: "{\"a\":1}")));

        Assert.Equal(OrchestrationStatus.Failed, completion.Status);
        Assert.Equal(typeof(Converters.PayloadFormatException).FullName, completion.FailureDetails!.ErrorType);
    }

    [Fact]
    public void Execute_AwaitedTimerCancelledAndUncaught_FailsWithCancellation()
    {
        ITaskOrchestrator orchestrator = Orchestrators.Create(async context =>
        {
            using var cts = new CancellationTokenSource();
            Task timer = context.CreateTimer(TimeSpan.FromHours(1), cts.Token);
            cts.Cancel();
            await timer;
            return 0;
        });

        OrchestratorExecutionResult result = _executor.Execute(orchestrator, H.None, H.Start());

        CompleteOrchestrationAction completion = result.Completion!;
        Assert.Equal(OrchestrationStatus.Failed, completion.Status);
        Assert.Equal(typeof(TaskCanceledException).FullName, completion.FailureDetails!.ErrorType);
        Assert.IsType<CreateTimerAction>(result.Actions[0]);
    }
}
