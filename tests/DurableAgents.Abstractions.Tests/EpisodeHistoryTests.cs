using DurableAgents.Actions;
using DurableAgents.History;

namespace DurableAgents.Abstractions.Tests;

public class EpisodeHistoryTests
{
    private static readonly DateTime Start = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Commit = Start.AddSeconds(1);

    [Fact]
    public void Append_NewEventsThenOneEventPerRecordedActionInOrder()
    {
        HistoryEvent[] newEvents = [new OrchestratorStartedEvent(-1, Start), new TaskCompletedEvent(-1, Start, 1, "1")];
        var tags = new Dictionary<string, string> { ["k"] = "v" };
        OrchestratorAction[] actions =
        [
            new ScheduleTaskAction(2, "Act", "\"in\"", "v1", tags),
            new CreateSubOrchestrationAction(3, "i:0003", "Child", "null", "v2"),
            new CreateTimerAction(4, Start.AddHours(1)),
            new SendEventAction(5, "other", "Ping", "{}"),
            new TerminateOrchestrationAction(6, "victim", "reason"),
            new CompleteOrchestrationAction(7, OrchestrationStatus.Completed, "\"done\""),
        ];

        List<HistoryEvent> appended = EpisodeHistory.Append(newEvents, actions, Commit);

        Assert.Equal(7, appended.Count);
        Assert.Same(newEvents[0], appended[0]);
        Assert.Same(newEvents[1], appended[1]);
        Assert.Equal(new TaskScheduledEvent(2, Commit, "Act", "\"in\"", "v1", tags), appended[2]);
        Assert.Equal(new SubOrchestrationInstanceCreatedEvent(3, Commit, "i:0003", "Child", "null", "v2"), appended[3]);
        Assert.Equal(new TimerCreatedEvent(4, Commit, Start.AddHours(1)), appended[4]);
        Assert.Equal(new EventSentEvent(5, Commit, "other", "Ping", "{}"), appended[5]);
        Assert.Equal(new ExecutionCompletedEvent(-1, Commit, OrchestrationStatus.Completed, "\"done\""), appended[6]);
    }

    [Fact]
    public void ToHistoryEvent_FailedCompletion_KeepsFailureDetails()
    {
        var failure = new FailureDetails("E", "m");

        HistoryEvent? recorded = EpisodeHistory.ToHistoryEvent(new CompleteOrchestrationAction(3, OrchestrationStatus.Failed, null, failure), Commit);

        Assert.Equal(new ExecutionCompletedEvent(-1, Commit, OrchestrationStatus.Failed, null, failure), recorded);
    }

    [Fact]
    public void ToHistoryEvent_TerminateAction_IsNotRecorded()
    {
        Assert.Null(EpisodeHistory.ToHistoryEvent(new TerminateOrchestrationAction(1, "x", null), Commit));
    }

    [Fact]
    public void ToHistoryEvent_UnknownAction_Throws()
    {
        Assert.Throws<ArgumentException>(() => EpisodeHistory.ToHistoryEvent(new UnknownAction(1), Commit));
    }

    [Fact]
    public void Append_NullArguments_Throw()
    {
        Assert.Throws<ArgumentNullException>(() => EpisodeHistory.Append(null!, [], Commit));
        Assert.Throws<ArgumentNullException>(() => EpisodeHistory.Append([], null!, Commit));
    }

    private sealed record UnknownAction(int Id) : OrchestratorAction(Id);
}
