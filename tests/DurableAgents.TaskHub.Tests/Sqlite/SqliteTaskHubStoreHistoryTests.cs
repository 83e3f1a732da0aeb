using DurableAgents.History;
using DurableAgents.TaskHub.Storage;
using static DurableAgents.TaskHub.Tests.Sqlite.SqliteTaskHubStoreInstanceTests;

namespace DurableAgents.TaskHub.Tests.Sqlite;

public sealed class SqliteTaskHubStoreHistoryTests
{
    [Fact]
    public async Task GetHistoryAsync_AfterTwoAppends_ReturnsEveryEventInSequenceOrder()
    {
        await using StoreFixture fixture = await StoreFixture.CreateAsync();
        HistoryEvent[] first = [new OrchestratorStartedEvent(-1, Rows.T0), Rows.Started("a"), Rows.Scheduled(1), new OrchestratorCompletedEvent(-1, Rows.T0)];
        HistoryEvent[] second = [new OrchestratorStartedEvent(-1, Rows.T0.AddSeconds(2)), Rows.Completed(1)];

        await Commit(fixture, new CommitRequest { HistoryAppends = [new HistoryAppend("a", "exec-1", 0, first)] });
        await Commit(fixture, new CommitRequest { HistoryAppends = [new HistoryAppend("a", "exec-1", first.Length, second)] });

        IReadOnlyList<HistoryEvent> history = await fixture.Store.GetHistoryAsync("a", "exec-1", CancellationToken.None);
        Assert.Equal([.. first, .. second], history);
    }

    [Fact]
    public async Task GetHistoryAsync_StoredEvent_IsTheHistoryJsonForm()
    {
        await using StoreFixture fixture = await StoreFixture.CreateAsync();
        TaskScheduledEvent scheduled = Rows.Scheduled(3) with { Tags = new Dictionary<string, string> { ["k"] = "v" } };
        await Commit(fixture, new CommitRequest { HistoryAppends = [new HistoryAppend("a", "exec-1", 0, [scheduled])] });

        using Microsoft.Data.Sqlite.SqliteConnection connection = fixture.OpenRawConnection();
        using Microsoft.Data.Sqlite.SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT event FROM history";
        string stored = (string)command.ExecuteScalar()!;

        Assert.Equal(HistoryJson.Serialize(scheduled), stored);
        var read = (TaskScheduledEvent)Assert.Single(await fixture.Store.GetHistoryAsync("a", "exec-1", CancellationToken.None));
        Assert.Equal(scheduled.Tags, read.Tags);
    }

    [Fact]
    public async Task GetHistoryAsync_OtherExecutionId_ReturnsOnlyRowsOfTheAskedExecution()
    {
        await using StoreFixture fixture = await StoreFixture.CreateAsync();
        await Commit(fixture, new CommitRequest
        {
            HistoryAppends =
            [
                new HistoryAppend("a", "old", 0, [Rows.Started("a", "old")]),
                new HistoryAppend("a", "new", 1, [Rows.Started("a", "new")]),
            ],
        });

        Assert.Equal([Rows.Started("a", "new")], await fixture.Store.GetHistoryAsync("a", "new", CancellationToken.None));
        Assert.Empty(await fixture.Store.GetHistoryAsync("a", "missing", CancellationToken.None));
        Assert.Empty(await fixture.Store.GetHistoryAsync("b", "old", CancellationToken.None));
    }

    [Fact]
    public async Task CommitAsync_AppendOverExistingSequence_OverwritesTheRow()
    {
        await using StoreFixture fixture = await StoreFixture.CreateAsync();
        await Commit(fixture, new CommitRequest { HistoryAppends = [new HistoryAppend("a", "exec-1", 0, [Rows.Started("a"), Rows.Scheduled(1)])] });

        await Commit(fixture, new CommitRequest { HistoryAppends = [new HistoryAppend("a", "exec-1", 1, [Rows.Scheduled(9)])] });

        Assert.Equal([Rows.Started("a"), Rows.Scheduled(9)], await fixture.Store.GetHistoryAsync("a", "exec-1", CancellationToken.None));
    }

    [Fact]
    public async Task CommitAsync_HistoryDeleteThenAppend_StartsTheNewExecutionFromAnEmptyHistory()
    {
        await using StoreFixture fixture = await StoreFixture.CreateAsync();
        await Commit(fixture, new CommitRequest
        {
            HistoryAppends =
            [
                new HistoryAppend("a", "exec-1", 0, [Rows.Started("a"), Rows.Scheduled(1), Rows.Completed(1)]),
                new HistoryAppend("b", "exec-1", 0, [Rows.Started("b")]),
            ],
        });

        await Commit(fixture, new CommitRequest
        {
            HistoryDeletes = ["a"],
            HistoryAppends = [new HistoryAppend("a", "exec-2", 0, [Rows.Started("a", "exec-2")])],
        });

        Assert.Empty(await fixture.Store.GetHistoryAsync("a", "exec-1", CancellationToken.None));
        Assert.Equal([Rows.Started("a", "exec-2")], await fixture.Store.GetHistoryAsync("a", "exec-2", CancellationToken.None));
        Assert.Single(await fixture.Store.GetHistoryAsync("b", "exec-1", CancellationToken.None));
    }

    [Fact]
    public async Task GetHistoryAsync_LargePayloadWithEscapes_RoundTripsExactly()
    {
        await using StoreFixture fixture = await StoreFixture.CreateAsync();
        string result = "\"" + string.Concat(Enumerable.Repeat("line \\\"quoted\\\" ünïcødé \\n", 5_000)) + "\"";
        var completed = new TaskCompletedEvent(-1, Rows.T0, 1, result);

        await Commit(fixture, new CommitRequest { HistoryAppends = [new HistoryAppend("a", "exec-1", 0, [completed])] });

        Assert.Equal(completed, Assert.Single(await fixture.Store.GetHistoryAsync("a", "exec-1", CancellationToken.None)));
    }

    [Fact]
    public async Task GetHistoryAsync_EveryEventKind_RoundTripsThroughTheStore()
    {
        await using StoreFixture fixture = await StoreFixture.CreateAsync();
        var failure = new FailureDetails("System.TimeoutException", "slow", "at Y()", new FailureDetails("Inner", "cause"), IsNonRetriable: true);
        HistoryEvent[] events =
        [
            new ExecutionStartedEvent(-1, Rows.T0, "Hello", "a", "exec-1", "\"in\"", "1.0",
                new ParentInstanceInfo(4, "Parent", "p", "pe"), Rows.T0.AddHours(1), new Dictionary<string, string> { ["t"] = "v" }),
            new OrchestratorStartedEvent(-1, Rows.T0),
            new TaskScheduledEvent(1, Rows.T0, "Act", "1", "2.0", new Dictionary<string, string> { ["k"] = "v" }),
            new TaskCompletedEvent(-1, Rows.T0, 1, "{\"ok\":true}"),
            new TaskFailedEvent(-1, Rows.T0, 1, failure),
            new SubOrchestrationInstanceCreatedEvent(2, Rows.T0, "child", "Child", "null", "3"),
            new SubOrchestrationInstanceCompletedEvent(-1, Rows.T0, 2, "7"),
            new SubOrchestrationInstanceFailedEvent(-1, Rows.T0, 2, failure),
            new TimerCreatedEvent(3, Rows.T0, Rows.T0.AddDays(2)),
            new TimerFiredEvent(-1, Rows.T0, 3, Rows.T0.AddDays(2)),
            new EventSentEvent(4, Rows.T0, "other", "ping", "[1,2]"),
            new EventRaisedEvent(-1, Rows.T0, "approval", "true"),
            new ExecutionSuspendedEvent(-1, Rows.T0, "pause"),
            new ExecutionResumedEvent(-1, Rows.T0, "go"),
            new ExecutionRewoundEvent(-1, Rows.T0, "again"),
            new ExecutionTerminatedEvent(-1, Rows.T0, "\"stop\"", Recurse: true),
            new ContinueAsNewEvent(-1, Rows.T0, "5"),
            new GenericEvent(-1, Rows.T0, "data"),
            new HistoryStateEvent(-1, Rows.T0, "a", "Hello", OrchestrationStatus.Running),
            new ExecutionCompletedEvent(-1, Rows.T0, OrchestrationStatus.Failed, null, failure),
            new OrchestratorCompletedEvent(-1, Rows.T0),
        ];

        await Commit(fixture, new CommitRequest { HistoryAppends = [new HistoryAppend("a", "exec-1", 0, events)] });
        IReadOnlyList<HistoryEvent> read = await fixture.Store.GetHistoryAsync("a", "exec-1", CancellationToken.None);

        // Records compare dictionaries by reference, so compare the HistoryJson text of each event instead.
        Assert.Equal(events.Select(HistoryJson.Serialize), read.Select(HistoryJson.Serialize));
        Assert.Equal(events.Select(e => e.GetType()), read.Select(e => e.GetType()));
    }
}
