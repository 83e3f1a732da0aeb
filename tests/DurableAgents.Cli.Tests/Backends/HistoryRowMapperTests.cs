using DurableAgents.Cli.Backends;
using DurableAgents.History;

namespace DurableAgents.Cli.Tests.Backends;

public sealed class HistoryRowMapperTests
{
    private static readonly DateTime T0 = new(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc);

    [Fact]
    public void FromEvents_HidesEpisodeMarkersButKeepsStoredPositions()
    {
        HistoryEvent[] history =
        [
            new OrchestratorStartedEvent(-1, T0),
            new ExecutionStartedEvent(-1, T0, "Hello", "i1", "e1", """{"name":"ana"}"""),
            new TaskScheduledEvent(1, T0.AddSeconds(1), "Greet", "\"ana\""),
            new OrchestratorCompletedEvent(-1, T0.AddSeconds(1)),
            new OrchestratorStartedEvent(-1, T0.AddSeconds(2)),
            new TaskCompletedEvent(-1, T0.AddSeconds(2), 1, "\"Hello, ana!\""),
            new ExecutionCompletedEvent(-1, T0.AddSeconds(2), OrchestrationStatus.Completed, "\"done\""),
            new OrchestratorCompletedEvent(-1, T0.AddSeconds(2)),
        ];

        IReadOnlyList<HistoryRow> rows = HistoryRowMapper.FromEvents(history);

        Assert.Equal(
            [
                new HistoryRow(2, T0, "ExecutionStarted", "Hello", null, """input {"name":"ana"}"""),
                new HistoryRow(3, T0.AddSeconds(1), "TaskScheduled", "Greet", 1, "input \"ana\""),
                new HistoryRow(6, T0.AddSeconds(2), "TaskCompleted", "Greet", 1, "result \"Hello, ana!\""),
                new HistoryRow(7, T0.AddSeconds(2), "ExecutionCompleted", null, null, "Completed, result \"done\""),
            ],
            rows);
    }

    [Fact]
    public void FromEvents_Failures_SummariseTypeAndMessage()
    {
        var failure = new FailureDetails("System.InvalidOperationException", "the printer is on fire");
        HistoryEvent[] history =
        [
            new TaskScheduledEvent(4, T0, "Print", null),
            new TaskFailedEvent(-1, T0, 4, failure),
            new ExecutionCompletedEvent(-1, T0, OrchestrationStatus.Failed, null, failure),
        ];

        IReadOnlyList<HistoryRow> rows = HistoryRowMapper.FromEvents(history);

        Assert.Equal(new HistoryRow(2, T0, "TaskFailed", "Print", 4, "failed: System.InvalidOperationException: the printer is on fire"), rows[1]);
        Assert.Equal("Failed: failed: System.InvalidOperationException: the printer is on fire", rows[2].Details);
    }

    [Fact]
    public void FromEvents_TimersEventsAndControl_DescribeThemselves()
    {
        DateTime due = T0.AddMinutes(5);
        HistoryEvent[] history =
        [
            new TimerCreatedEvent(2, T0, due),
            new TimerFiredEvent(-1, due, 2, due),
            new EventRaisedEvent(-1, T0, "approval:publish", """{"approved":true}"""),
            new ExecutionSuspendedEvent(-1, T0, "lunch"),
            new ExecutionTerminatedEvent(-1, T0, "\"stop\""),
            new SubOrchestrationInstanceCreatedEvent(3, T0, "child-1", "Child", null),
            new SubOrchestrationInstanceCompletedEvent(-1, T0, 3, "7"),
        ];

        IReadOnlyList<HistoryRow> rows = HistoryRowMapper.FromEvents(history);

        Assert.Equal("fires at 2025-01-02 03:09:05.000", rows[0].Details);
        Assert.Equal((2, "was due at 2025-01-02 03:09:05.000"), (rows[1].TaskId!.Value, rows[1].Details!));
        Assert.Equal(("approval:publish", """data {"approved":true}"""), (rows[2].Name!, rows[2].Details!));
        Assert.Equal("reason lunch", rows[3].Details);
        Assert.Equal("reason \"stop\"", rows[4].Details);
        Assert.Equal(("Child", 3, "instance child-1"), (rows[5].Name!, rows[5].TaskId!.Value, rows[5].Details!));
        Assert.Equal(("Child", "result 7"), (rows[6].Name!, rows[6].Details!));
    }
}
