using DurableAgents.Converters;
using Microsoft.DurableTask;

namespace DurableAgents.Replay.Tests.Executor;

public class ContinueAsNewTests
{
    private readonly OrchestrationExecutor _executor = new(WebJsonDataConverter.Default);

    private static ITaskOrchestrator Counter(bool preserve) => Orchestrators.Create<int, int>(async (context, count) =>
    {
        await context.CreateTimer(TimeSpan.FromMinutes(1), CancellationToken.None);
        context.ContinueAsNew(count + 1, preserve);
        return count;
    });

    [Fact]
    public void ContinueAsNew_PreservingEvents_CompletesWithNewInputAndCarriesUnconsumedEvents()
    {
        HistoryEvent[] past = [.. H.Start(input: "4"), H.TimerCreated(0, H.At(60))];

        OrchestratorExecutionResult result = _executor.Execute(
            Counter(preserve: true), past,
            [H.OrchestratorStarted(60), H.EventRaised("a", "1"), H.EventRaised("b", "2"), H.EventRaised("A", "3"), H.TimerFired(0, H.At(60))]);

        var completion = EpisodeDriver.Single<CompleteOrchestrationAction>(result);
        Assert.Equal(1, completion.Id);
        Assert.Equal(OrchestrationStatus.ContinuedAsNew, completion.Status);
        Assert.Equal("5", completion.Result);
        Assert.Equal(["1", "2", "3"], completion.CarryoverEvents!.Cast<EventRaisedEvent>().Select(e => e.Input));
    }

    [Fact]
    public void ContinueAsNew_WithoutPreserving_DropsUnconsumedEvents()
    {
        HistoryEvent[] past = [.. H.Start(input: "0"), H.TimerCreated(0, H.At(60))];

        OrchestratorExecutionResult result = _executor.Execute(
            Counter(preserve: false), past, [H.OrchestratorStarted(60), H.EventRaised("a", "1"), H.TimerFired(0, H.At(60))]);

        var completion = EpisodeDriver.Single<CompleteOrchestrationAction>(result);
        Assert.Equal(OrchestrationStatus.ContinuedAsNew, completion.Status);
        Assert.Equal("1", completion.Result);
        Assert.Null(completion.CarryoverEvents);
    }

    [Fact]
    public void ContinueAsNew_NextGenerationReceivesCarriedEvents_ConsumesThem()
    {
        ITaskOrchestrator orchestrator = Orchestrators.Create<int, string>(async (context, generation) =>
        {
            if (generation == 0)
            {
                context.ContinueAsNew(1);
                return "first";
            }

            return await context.WaitForExternalEvent<string>("carried");
        });
        OrchestratorExecutionResult first = _executor.Execute(orchestrator, H.None, [.. H.Start(input: "0"), H.EventRaised("carried", "\"kept\"")]);
        CompleteOrchestrationAction continued = first.Completion!;

        var next = new List<HistoryEvent> { H.OrchestratorStarted(1), H.ExecutionStarted(input: continued.Result) };
        next.AddRange(continued.CarryoverEvents!);
        OrchestratorExecutionResult second = _executor.Execute(orchestrator, H.None, next);

        Assert.Equal("\"kept\"", second.Completion!.Result);
    }
}
