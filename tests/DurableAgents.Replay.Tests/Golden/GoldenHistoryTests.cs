using DurableAgents.Converters;
using Microsoft.DurableTask;

namespace DurableAgents.Replay.Tests.Golden;

public class GoldenHistoryTests
{
    private static readonly OrchestrationExecutor Executor = new(WebJsonDataConverter.Default);

    public static TheoryData<string> GoldenFiles()
    {
        var files = new TheoryData<string>();
        foreach (GoldenSamples.Scenario scenario in GoldenSamples.Scenarios)
        {
            foreach ((string file, _) in scenario.Recorded)
            {
                files.Add(file);
            }
        }

        return files;
    }

    public static TheoryData<string> ScenarioNames() => [.. GoldenSamples.Scenarios.Select(s => s.Name)];

    [Theory]
    [MemberData(nameof(GoldenFiles))]
    public void Replay_CommittedCompletedHistory_ProducesNoNewActions(string file)
    {
        IReadOnlyList<HistoryEvent> history = Load(file);
        Assert.IsType<ExecutionCompletedEvent>(history[^1]);

        OrchestratorExecutionResult result = Executor.Execute(OrchestratorFor(history), history, []);

        Assert.Empty(result.Actions);
    }

    [Theory]
    [MemberData(nameof(GoldenFiles))]
    public void Replay_EachRecordedEpisode_ReproducesTheRecordedActions(string file)
    {
        IReadOnlyList<HistoryEvent> history = Load(file);
        ITaskOrchestrator orchestrator = OrchestratorFor(history);
        var session = new OrchestrationSession(orchestrator, WebJsonDataConverter.Default);
        List<int> starts = [.. Enumerable.Range(0, history.Count).Where(i => history[i] is OrchestratorStartedEvent)];
        Assert.NotEmpty(starts);

        for (int episode = 0; episode < starts.Count; episode++)
        {
            int begin = starts[episode];
            int end = episode + 1 < starts.Count ? starts[episode + 1] : history.Count;
            List<HistoryEvent> recorded = [.. history.Skip(begin).Take(end - begin)];
            List<HistoryEvent> delivered = [.. recorded.Where(e => !IsDerivedFromAnAction(e))];

            OrchestratorExecutionResult replayed = Executor.Execute(orchestrator, [.. history.Take(begin)], delivered);
            OrchestratorExecutionResult continued = session.Execute([], delivered);

            DateTime committedAt = recorded[0].Timestamp;
            string expected = HistoryJson.SerializeHistory(recorded);
            Assert.Equal(expected, HistoryJson.SerializeHistory(StackTraceScrubber.Scrub(EpisodeHistory.Append(delivered, replayed.Actions, committedAt))));
            Assert.Equal(expected, HistoryJson.SerializeHistory(StackTraceScrubber.Scrub(EpisodeHistory.Append(delivered, continued.Actions, committedAt))));
            Assert.Equal(end, session.HistoryLength);
        }
    }

    [Theory]
    [MemberData(nameof(ScenarioNames))]
    public async Task GoldenFiles_RerunOfTheScenarioOnTheTestHost_MatchesTheCommittedFiles(string name)
    {
        GoldenSamples.Scenario scenario = GoldenSamples.Scenarios.Single(s => s.Name == name);
        Dictionary<string, string> fresh = await GoldenSamples.RecordAsync(scenario);

        if (Environment.GetEnvironmentVariable(GoldenSamples.RegenerateVariable) == "1")
        {
            foreach ((string file, string json) in fresh)
            {
                await File.WriteAllTextAsync(Path.Combine(GoldenSamples.SourceDirectory(), file + ".json"), json);
            }

            return;
        }

        foreach ((string file, string json) in fresh)
        {
            string committed = (await File.ReadAllTextAsync(Path.Combine(GoldenSamples.OutputDirectory, file + ".json"))).ReplaceLineEndings("\n");
            Assert.True(
                committed == json,
                $"The test host now records a different history for '{file}'. If the change is intended, rerun the tests with {GoldenSamples.RegenerateVariable}=1 and review the diff.");
        }
    }

    [Fact]
    public void Replay_GoldenHistoryWithRenamedActivity_FailsNamingEventAndBothNames()
    {
        IReadOnlyList<HistoryEvent> history = Load(Path.Combine("Nondeterministic", "hello-sequence.renamed-activity"));
        TaskScheduledEvent renamed = history.OfType<TaskScheduledEvent>().Single(e => e.EventId == 1);
        Assert.Equal("SayGoodbye", renamed.Name);

        OrchestratorExecutionResult result = Executor.Execute(OrchestratorFor(history), history, []);

        CompleteOrchestrationAction completion = Assert.IsType<CompleteOrchestrationAction>(Assert.Single(result.Actions));
        Assert.Equal(OrchestrationStatus.Failed, completion.Status);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, completion.FailureDetails!.ErrorType);
        string message = completion.FailureDetails.ErrorMessage;
        Assert.Contains("history event #1", message, StringComparison.Ordinal);
        Assert.Contains("TaskScheduled 'SayGoodbye'", message, StringComparison.Ordinal);
        Assert.Contains("ScheduleTask 'SayHello' (#1)", message, StringComparison.Ordinal);
    }

    [Fact]
    public void NondeterministicCopy_DiffersFromTheGoldenOnlyInTheActivityName()
    {
        string golden = File.ReadAllText(Path.Combine(GoldenSamples.OutputDirectory, "hello-sequence.json")).ReplaceLineEndings("\n");
        string edited = File.ReadAllText(Path.Combine(GoldenSamples.OutputDirectory, "Nondeterministic", "hello-sequence.renamed-activity.json")).ReplaceLineEndings("\n");

        string[] goldenLines = golden.Split('\n');
        string[] editedLines = edited.Split('\n');
        Assert.Equal(goldenLines.Length, editedLines.Length);
        var differing = goldenLines.Zip(editedLines).Where(pair => pair.First != pair.Second).ToList();
        (string before, string after) = Assert.Single(differing);
        Assert.Equal(before.Replace("SayHello", "SayGoodbye", StringComparison.Ordinal), after);
    }

    private static bool IsDerivedFromAnAction(HistoryEvent e) =>
        e is TaskScheduledEvent or TimerCreatedEvent or SubOrchestrationInstanceCreatedEvent or EventSentEvent or ExecutionCompletedEvent;

    private static IReadOnlyList<HistoryEvent> Load(string file) =>
        HistoryJson.DeserializeHistory(File.ReadAllText(Path.Combine(GoldenSamples.OutputDirectory, file + ".json")));

    private static ITaskOrchestrator OrchestratorFor(IReadOnlyList<HistoryEvent> history)
    {
        var registry = new DurableTaskRegistry();
        GoldenSamples.Register(registry);
        string name = history.OfType<ExecutionStartedEvent>().First().Name;
        KeyValuePair<TaskName, Func<IServiceProvider, ITaskOrchestrator>> sample = registry.GetOrchestrators().SingleOrDefault(o => o.Key.Name == name);
        Assert.True(sample.Value is not null, $"No sample orchestrator '{name}'.");
        return sample.Value(EmptyServiceProvider.Instance);
    }

    private sealed class EmptyServiceProvider : IServiceProvider
    {
        public static readonly EmptyServiceProvider Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}
