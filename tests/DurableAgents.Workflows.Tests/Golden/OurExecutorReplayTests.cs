using DurableAgents.Actions;
using DurableAgents.Converters;
using DurableAgents.History;
using DurableAgents.Replay;
using Microsoft.DurableTask;

namespace DurableAgents.Workflows.Tests.Golden;

/// <summary>
/// Every golden history replayed on our executor against the current workflow code, with the converter the host's
/// worker uses: nothing new to do after the complete history, and each episode decides exactly what it recorded.
/// </summary>
public sealed class OurExecutorReplayTests
{
    private static readonly OrchestrationExecutor Executor = new(WebJsonDataConverter.Default);

    [Theory]
    [MemberData(nameof(GoldenScenarios.Names), MemberType = typeof(GoldenScenarios))]
    public void Replay_CompleteHistory_ProducesNoNewActions(string name)
    {
        IReadOnlyList<HistoryEvent> history = GoldenFiles.Load(name);
        Assert.IsType<ExecutionCompletedEvent>(history[^1]);

        OrchestratorExecutionResult result = Executor.Execute(ShippedOrchestrators.For(history), history, []);

        Assert.True(result.Actions.Count == 0, $"Replaying {name} asked for: {string.Join(", ", result.Actions)}");
    }

    [Theory]
    [MemberData(nameof(GoldenScenarios.Names), MemberType = typeof(GoldenScenarios))]
    public void Replay_EachRecordedEpisode_ReproducesTheRecordedActions(string name)
    {
        IReadOnlyList<HistoryEvent> history = GoldenFiles.Load(name);
        ITaskOrchestrator orchestrator = ShippedOrchestrators.For(history);
        var session = new OrchestrationSession(ShippedOrchestrators.For(history), WebJsonDataConverter.Default);

        foreach (GoldenEpisode episode in GoldenEpisode.Split(history))
        {
            // A fresh executor replays the stored past, as after a restart; the session continues from the last episode.
            OrchestratorExecutionResult replayed = Executor.Execute(orchestrator, episode.Past, episode.Delivered);
            OrchestratorExecutionResult continued = session.Execute([], episode.Delivered);

            string expected = Describe(episode.Recorded);
            Assert.True(expected == Describe(Append(episode, replayed.Actions)), $"{name}, {episode}: replay decided differently.");
            Assert.True(expected == Describe(Append(episode, continued.Actions)), $"{name}, {episode}: the session decided differently.");
            Assert.Equal(episode.Past.Count + episode.Recorded.Count, session.HistoryLength);
        }
    }

    private static List<HistoryEvent> Append(GoldenEpisode episode, IReadOnlyList<OrchestratorAction> actions) =>
        EpisodeHistory.Append(episode.Delivered, actions, episode.Delivered[0].Timestamp);

    private static string Describe(IEnumerable<HistoryEvent> events) => HistoryJson.SerializeHistory(HistoryScrubber.WithoutTimestamps(events));
}
