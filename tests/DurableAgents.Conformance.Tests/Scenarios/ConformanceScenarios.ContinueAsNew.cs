using DurableAgents.Conformance.Tests.Infrastructure;
using Kind = Microsoft.DurableTask.Protobuf.HistoryEvent.EventTypeOneofCase;

namespace DurableAgents.Conformance.Tests.Scenarios;

using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

/// <summary>Continue-as-new: eternal loops that keep only the last generation, and events carried across generations.</summary>
public abstract partial class ConformanceScenarios
{
    private const string Counter = "Counter";
    private const string CarryEvents = "CarryEvents";

    [Fact]
    public async Task ContinueAsNew_FiveGenerations_FinalOutputAndOnlyTheLastGenerationsHistory()
    {
        string id = NewInstanceId("continue-as-new");

        OrchestrationMetadata result = await RunAsync(Counter, 0, id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(5, result.ReadOutputAs<int>());
        Assert.Equal(5, result.ReadInputAs<int>());
        HistoryShape history = await HistoryAsync(id);
        Assert.Equal([Kind.ExecutionStarted, Kind.TaskScheduled, Kind.TaskCompleted, Kind.ExecutionCompleted], history.Kinds);
        Assert.Equal("5", history.Started.Input);
        Assert.Equal(5, ReadActivityInput<int>(history.One(Kind.TaskScheduled).TaskScheduled.Input));
    }

    [Fact]
    public async Task ContinueAsNew_PreservingUnprocessedEvents_NextGenerationSeesTheEvent()
    {
        string id = NewInstanceId("continue-as-new-keep");

        string output = await RunCarryScenarioAsync(id, preserveUnprocessedEvents: true);

        Assert.Equal("second: kept", output);
        HistoryShape history = await HistoryAsync(id);
        Assert.Equal(new CarryInput(1, true), ReadJson<CarryInput>(history.Started.Input));
        Assert.Equal("second", history.One(Kind.EventRaised).EventRaised.Name);
        Assert.Equal(0, history.Count(Kind.TimerFired));
    }

    [Fact]
    public async Task ContinueAsNew_DiscardingUnprocessedEvents_NextGenerationDoesNotSeeTheEvent()
    {
        string id = NewInstanceId("continue-as-new-discard");

        string output = await RunCarryScenarioAsync(id, preserveUnprocessedEvents: false);

        Assert.Equal("second: lost", output);
        HistoryShape history = await HistoryAsync(id);
        Assert.Equal(0, history.Count(Kind.EventRaised));
        Assert.Equal(1, history.Count(Kind.TimerFired));
    }

    /// <summary>
    /// Generation 0 waits for "first". "second" and then "first" are raised while the instance is suspended, so both
    /// arrive in one batch and "second" is already buffered, unprocessed, when generation 0 continues as new. (Events
    /// that come after the ContinueAsNew call within a batch are always carried over by the SDK, whatever the flag.)
    /// </summary>
    private async Task<string> RunCarryScenarioAsync(string id, bool preserveUnprocessedEvents)
    {
        await StartAsync(CarryEvents, new CarryInput(0, preserveUnprocessedEvents), id);
        await Client.WaitForInstanceStartAsync(id, TestDeadline.Token());
        await Client.SuspendInstanceAsync(id, cancellation: TestDeadline.Token());
        await WaitForStatusAsync(id, OrchestrationRuntimeStatus.Suspended);
        await Client.RaiseEventAsync(id, "second", "kept", TestDeadline.Token());
        await Client.RaiseEventAsync(id, "first", "one", TestDeadline.Token());
        await Client.ResumeInstanceAsync(id, cancellation: TestDeadline.Token());
        OrchestrationMetadata result = await WaitForCompletionAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        return result.ReadOutputAs<string>()!;
    }

    private static void RegisterContinueAsNewScenarios(DurableTaskRegistry registry)
    {
        registry.AddOrchestratorFunc<int, int>(Counter, async (context, generation) =>
        {
            await context.CallActivityAsync<long>(Square, generation);
            if (generation < 5)
            {
                context.ContinueAsNew(generation + 1);
            }

            return generation;
        });

        registry.AddOrchestratorFunc<CarryInput, string>(CarryEvents, async (context, input) =>
        {
            if (input.Generation == 0)
            {
                await context.WaitForExternalEvent<string>("first");
                context.ContinueAsNew(input with { Generation = 1 }, input.PreserveUnprocessedEvents);
                return "continued";
            }

            // A lost event would leave this generation waiting forever; the timeout turns that into an answer.
            TimeSpan patience = input.PreserveUnprocessedEvents ? TimeSpan.FromSeconds(30) : TimeSpan.FromSeconds(2);
            try
            {
                return "second: " + await context.WaitForExternalEvent<string>("second", patience);
            }
            catch (OperationCanceledException)
            {
                return "second: lost";
            }
        });
    }
}
