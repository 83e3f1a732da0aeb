using System.Globalization;
using System.Text.Json;
using DurableAgents.Actions;
using DurableAgents.History;
using Microsoft.DurableTask;

namespace DurableAgents.Workflows.Tests.Golden;

/// <summary>
/// Every golden history replayed on the official executor (<see cref="OfficialRunner"/>: GrpcOrchestrationRunner over
/// DurableTask.Core) against the current workflow code, exactly as recorded: both executors number actions from 0 and
/// DurableTask.Core matches a replayed action to the recorded event by that number, so no id is shifted. What differs
/// between the executors, found here and asserted exactly so a change on either side shows up:
/// <list type="bullet">
/// <item>Activity inputs: the official context sends <c>[input]</c> (the parameters array; its activity shim strips the
/// brackets) where ours sends the input itself. Replay matches by id and name only, so our histories replay; the
/// inputs the official runner would send are exactly the recorded ones wrapped in brackets.</item>
/// <item>Failed orchestrations: the official completion carries the error message as its result; ours has none.</item>
/// <item>Exhausted retries: DurableTask.Core's retry interceptor creates one more timer, due at once, after the last
/// failed attempt; ours surfaces the failure directly. Such histories diverge there.</item>
/// </list>
/// </summary>
public sealed class OfficialRunnerReplayTests
{
    [Theory]
    [MemberData(nameof(GoldenScenarios.NamesWithoutExhaustedRetries), MemberType = typeof(GoldenScenarios))]
    public void Replay_EachRecordedEpisode_ReproducesTheRecordedActionsUnderTheRecordedIds(string name)
    {
        IReadOnlyList<HistoryEvent> history = GoldenFiles.Load(name);
        ITaskOrchestrator orchestrator = ShippedOrchestrators.For(history);

        foreach (GoldenEpisode episode in GoldenEpisode.Split(history))
        {
            List<OrchestratorAction> actions = OfficialRunner.Run(orchestrator, episode.Past, episode.Delivered);

            Assert.Equal(Decisions(episode), actions.Select(Describe).ToList());
        }
    }

    [Theory]
    [MemberData(nameof(GoldenScenarios.NamesWithoutExhaustedRetries), MemberType = typeof(GoldenScenarios))]
    public void Replay_CompleteHistory_OnlyCompletesAgainWithTheRecordedOutcome(string name)
    {
        IReadOnlyList<HistoryEvent> history = GoldenFiles.Load(name);

        List<OrchestratorAction> actions = OfficialRunner.Run(ShippedOrchestrators.For(history), history, []);

        // DurableTask.Core does not treat a recorded ExecutionCompleted as the end: the replayed code finishes again and
        // the runner returns that completion. Nothing else: no activity, timer or event the history does not hold.
        CompleteOrchestrationAction completion = Assert.IsType<CompleteOrchestrationAction>(Assert.Single(actions));
        Assert.Equal(Describe((ExecutionCompletedEvent)history[^1]), Describe(completion));
        if (completion.Status == OrchestrationStatus.Failed)
        {
            // The official completion of a failed orchestration carries the error message as its result; ours has none.
            Assert.Null(((ExecutionCompletedEvent)history[^1]).Result);
            Assert.Equal(completion.FailureDetails!.ErrorMessage, completion.Result);
        }
    }

    [Theory]
    [MemberData(nameof(GoldenScenarios.Names), MemberType = typeof(GoldenScenarios))]
    public void GoldenHistory_NumbersActionsFromZeroWithoutGaps_AsTheOfficialExecutorDoes(string name)
    {
        IReadOnlyList<HistoryEvent> history = GoldenFiles.Load(name);

        // The ids the official runner matches replayed actions by: 0, 1, 2 ... in the order the actions were recorded.
        List<int> ids = [.. history.Where(GoldenEpisode.IsDerivedFromAnAction).Where(e => e is not ExecutionCompletedEvent).Select(e => e.EventId)];
        Assert.Equal(Enumerable.Range(0, ids.Count), ids);
    }

    [Fact]
    public void Replay_RetryPolicyGivesUp_OfficialRunnerAsksForOneMoreTimerWhereOursCompensated()
    {
        IReadOnlyList<HistoryEvent> history = GoldenFiles.Load("supervisor.publish-fails-compensated");
        ITaskOrchestrator orchestrator = ShippedOrchestrators.For(history);
        TaskScheduledEvent compensation = history.OfType<TaskScheduledEvent>().Single(e => e.Name == "UnpublishReport");
        IReadOnlyList<GoldenEpisode> episodes = GoldenEpisode.Split(history);
        GoldenEpisode lastAttemptFailed = episodes.Single(e => e.Recorded.Contains(compensation));

        // Every episode before it replays as recorded, the retry timers between the attempts included.
        foreach (GoldenEpisode episode in episodes.TakeWhile(e => e != lastAttemptFailed))
        {
            Assert.Equal(Decisions(episode), OfficialRunner.Run(orchestrator, episode.Past, episode.Delivered).Select(Describe).ToList());
        }

        // Where ours compensated after the third failed attempt, the official runner waits for a timer due at once.
        OrchestratorAction official = Assert.Single(OfficialRunner.Run(orchestrator, lastAttemptFailed.Past, lastAttemptFailed.Delivered));
        CreateTimerAction timer = Assert.IsType<CreateTimerAction>(official);
        Assert.Equal(compensation.EventId, timer.Id);
        Assert.Equal(lastAttemptFailed.Delivered[0].Timestamp, timer.FireAt);

        // So the complete history fails on the official runner, naming the step and its sequence number.
        CompleteOrchestrationAction failed = Assert.IsType<CompleteOrchestrationAction>(OfficialRunner.Run(orchestrator, history, [])[^1]);
        Assert.Equal("DurableTask.Core.Exceptions.NonDeterministicOrchestrationException", failed.FailureDetails!.ErrorType);
        Assert.Contains(
            $"scheduled an activity task with sequence number {compensation.EventId} named 'UnpublishReport', but the current orchestration replay instead produced a CreateTimerOrchestratorAction",
            failed.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    /// <summary>The recorded action-derived events of an episode, described as the official actions are.</summary>
    private static List<string> Decisions(GoldenEpisode episode) =>
        [.. episode.Recorded.Where(GoldenEpisode.IsDerivedFromAnAction).Select(e => e switch
        {
            TaskScheduledEvent s => Describe(s.EventId, s.Name, s.Input),
            TimerCreatedEvent t => Describe(t),
            ExecutionCompletedEvent c => Describe(c),
            _ => throw new InvalidOperationException($"The shipped workflows record no {e.GetType().Name}."),
        })];

    private static string Describe(OrchestratorAction action) => action switch
    {
        ScheduleTaskAction a => Describe(a.Id, a.Name, Unwrap(a.Input)),
        CreateTimerAction a => Describe(new TimerCreatedEvent(a.Id, default, a.FireAt)),
        CompleteOrchestrationAction a => Describe(new ExecutionCompletedEvent(-1, default, a.Status,
            a.Status == OrchestrationStatus.Completed ? a.Result : null, a.FailureDetails)),
        _ => $"unexpected {action}",
    };

    private static string Describe(int id, string name, string? input) => $"ScheduleTask #{id} {name} {input}";

    private static string Describe(TimerCreatedEvent timer) =>
        string.Create(CultureInfo.InvariantCulture, $"CreateTimer #{timer.EventId} {timer.FireAt:O}");

    private static string Describe(ExecutionCompletedEvent completed) =>
        $"CompleteOrchestration {completed.Status} {completed.Result} {Describe(completed.FailureDetails)}";

    private static string Describe(FailureDetails? failure) =>
        failure is null ? string.Empty : $"[{failure.ErrorType}: {failure.ErrorMessage} {Describe(failure.InnerFailure)}]";

    /// <summary>
    /// The official context sends an activity's input as a one-element array (<c>[input]</c>, <c>[null]</c> for none);
    /// this returns the element as ours records it, and fails on anything else.
    /// </summary>
    private static string? Unwrap(string? input)
    {
        Assert.NotNull(input);
        using JsonDocument array = JsonDocument.Parse(input);
        JsonElement only = Assert.Single(array.RootElement.EnumerateArray().ToList());
        string? unwrapped = only.ValueKind == JsonValueKind.Null ? null : input[1..^1];
        Assert.Equal(input, "[" + (unwrapped ?? "null") + "]");
        return unwrapped;
    }
}
