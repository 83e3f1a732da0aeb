using DurableAgents.Conformance.Tests.Infrastructure;
using Kind = Microsoft.DurableTask.Protobuf.HistoryEvent.EventTypeOneofCase;

namespace DurableAgents.Conformance.Tests.Scenarios;

using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

/// <summary>
/// Episodes larger than one gRPC message: an orchestrator result the worker sends in chunks, and histories longer than
/// what a worker with Grpc.Net.Client's default 4 MB receive limit can read in one work item.
/// </summary>
public abstract partial class ConformanceScenarios
{
    private const string WideFanOut = "WideFanOut";
    private const string MeasureText = "MeasureText";

    [Fact]
    public async Task LargeEpisode_ActionsAndHistoryOverFourMegabytes_ChunkedResultCommitsOnceAndTheHistoryIsStreamed()
    {
        // 100 activities with 50,000-character inputs: about 5 MB of actions in one episode, more than the official
        // worker's 3.9 MB chunk size, and a history the following episodes cannot carry within 4 MB.
        string id = NewInstanceId("large-episode");

        OrchestrationMetadata result = await RunAsync(WideFanOut, new WideFanOutInput(100, 50_000), id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(100 * 50_000, result.ReadOutputAs<int>());
        HistoryShape history = await HistoryAsync(id);
        Assert.Equal(100, history.Count(Kind.TaskScheduled));
        Assert.Equal(100, history.Count(Kind.TaskCompleted));
        Assert.Equal(100, history.All(Kind.TaskScheduled).Select(e => e.EventId).Distinct().Count());

        // All 100 were scheduled by one episode, committed once: no completion is recorded before the last schedule.
        int lastScheduled = history.Events.ToList().FindLastIndex(e => e.EventTypeCase == Kind.TaskScheduled);
        int firstCompleted = history.IndexOf(Kind.TaskCompleted);
        Assert.True(lastScheduled < firstCompleted, history.ToString());
    }

    private static void RegisterLargeResultScenarios(DurableTaskRegistry registry) => registry
        .AddOrchestratorFunc<WideFanOutInput, int>(WideFanOut, async (context, input) =>
        {
            string payload = new('x', input.Size);
            int[] lengths = await Task.WhenAll(
                Enumerable.Range(0, input.Count).Select(i => context.CallActivityAsync<int>(MeasureText, payload)));
            return lengths.Sum();
        })
        .AddActivityFunc<string, int>(MeasureText, (_, text) => text.Length);
}
