using DurableAgents.History;

namespace DurableAgents.Workflows.Tests.Golden;

/// <summary>
/// Runs every scenario on the real engine. With <see cref="GoldenFiles.RecordVariable"/>=1 the fresh histories replace
/// the committed files; otherwise the fresh run must still make the decisions the committed file records (same
/// activities and timers under the same ids, same outcome). Times, execution ids and the order of parallel completions
/// differ from run to run, so they are not compared here; the replay tests check the files event by event.
/// </summary>
public sealed class GoldenRecordingTests
{
    [Theory]
    [MemberData(nameof(GoldenScenarios.Names), MemberType = typeof(GoldenScenarios))]
    public async Task RerunOnTheAllInOneHost_MakesTheDecisionsTheGoldenHistoryRecords(string name)
    {
        GoldenScenario scenario = GoldenScenarios.Named(name);

        IReadOnlyList<HistoryEvent> fresh = await GoldenRecorder.RecordAsync(scenario);

        if (GoldenFiles.Recording)
        {
            await GoldenFiles.WriteAsync(name, fresh);
            return;
        }

        Assert.True(
            Decisions(GoldenFiles.Load(name)).SequenceEqual(Decisions(fresh)),
            $"A run of '{name}' now decides differently from Golden/{name}.json.\nCommitted:\n{string.Join('\n', Decisions(GoldenFiles.Load(name)))}\n"
            + $"Fresh:\n{string.Join('\n', Decisions(fresh))}\nIf the change is intended, re-record with {GoldenFiles.RecordVariable}=1 and review the diff.");
    }

    /// <summary>What the orchestrator decided, in order: the events its actions produced.</summary>
    private static IEnumerable<string> Decisions(IEnumerable<HistoryEvent> history) => history.Select(e => e switch
    {
        TaskScheduledEvent s => $"TaskScheduled #{s.EventId} {s.Name}",
        TimerCreatedEvent t => $"TimerCreated #{t.EventId}",
        SubOrchestrationInstanceCreatedEvent c => $"SubOrchestrationInstanceCreated #{c.EventId} {c.Name}",
        EventSentEvent s => $"EventSent #{s.EventId} {s.Name}",
        ExecutionCompletedEvent c => $"ExecutionCompleted {c.Status} {c.FailureDetails?.ErrorType}",
        _ => null,
    }).OfType<string>();
}
