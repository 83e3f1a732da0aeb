using System.Text.Json;
using DurableAgents.History;
using DurableAgents.TaskHub.Storage;

namespace DurableAgents.Storage.Conformance.Tests.Suite;

public abstract partial class TaskHubStoreConformanceTests
{
    [Fact]
    public async Task GetHistoryAsync_AfterTwoAppends_ReturnsEveryEventInSequenceOrder()
    {
        await using IStoreHarness harness = await CreateHarnessAsync();
        HistoryEvent[] first = [new OrchestratorStartedEvent(-1, Rows.T0), Rows.Started("a"), Rows.Scheduled(1), new OrchestratorCompletedEvent(-1, Rows.T0)];
        HistoryEvent[] second = [new OrchestratorStartedEvent(-1, Rows.T0.AddSeconds(2)), Rows.Completed(1)];

        await Commit(harness, new CommitRequest { HistoryAppends = [new HistoryAppend("a", "exec-1", 0, first)] });
        await Commit(harness, new CommitRequest { HistoryAppends = [new HistoryAppend("a", "exec-1", first.Length, second)] });

        Assert.Equal([.. first, .. second], await History(harness, "a"));
    }

    [Fact]
    public async Task GetHistoryAsync_OtherExecutionId_ReturnsOnlyRowsOfTheAskedExecution()
    {
        await using IStoreHarness harness = await CreateHarnessAsync();
        await Commit(harness, new CommitRequest
        {
            HistoryAppends =
            [
                new HistoryAppend("a", "old", 0, [Rows.Started("a", "old")]),
                new HistoryAppend("a", "new", 1, [Rows.Started("a", "new")]),
            ],
        });

        Assert.Equal([Rows.Started("a", "new")], await History(harness, "a", "new"));
        Assert.Empty(await History(harness, "a", "missing"));
        Assert.Empty(await History(harness, "b", "old"));
    }

    [Fact]
    public async Task CommitAsync_AppendOverExistingSequence_OverwritesTheRow()
    {
        await using IStoreHarness harness = await CreateHarnessAsync();
        await Commit(harness, new CommitRequest { HistoryAppends = [new HistoryAppend("a", "exec-1", 0, [Rows.Started("a"), Rows.Scheduled(1)])] });

        await Commit(harness, new CommitRequest { HistoryAppends = [new HistoryAppend("a", "exec-1", 1, [Rows.Scheduled(9)])] });

        Assert.Equal([Rows.Started("a"), Rows.Scheduled(9)], await History(harness, "a"));
    }

    [Fact]
    public async Task CommitAsync_HistoryDeleteThenAppend_StartsTheNewExecutionFromAnEmptyHistory()
    {
        await using IStoreHarness harness = await CreateHarnessAsync();
        await Commit(harness, new CommitRequest
        {
            HistoryAppends =
            [
                new HistoryAppend("a", "exec-1", 0, [Rows.Started("a"), Rows.Scheduled(1), Rows.Completed(1)]),
                new HistoryAppend("b", "exec-1", 0, [Rows.Started("b")]),
            ],
        });

        await Commit(harness, new CommitRequest
        {
            HistoryDeletes = ["a"],
            HistoryAppends = [new HistoryAppend("a", "exec-2", 0, [Rows.Started("a", "exec-2")])],
        });

        Assert.Empty(await History(harness, "a", "exec-1"));
        Assert.Equal([Rows.Started("a", "exec-2")], await History(harness, "a", "exec-2"));
        Assert.Single(await History(harness, "b"));
    }

    [Fact]
    public async Task GetHistoryAsync_LargePayloadWithEscapes_RoundTripsExactly()
    {
        await using IStoreHarness harness = await CreateHarnessAsync();
        // About 150 KB: inside every store's item limit.
        string result = "\"" + string.Concat(Enumerable.Repeat("line \\\"quoted\\\" ünïcødé \\n", 5_000)) + "\"";
        var completed = new TaskCompletedEvent(-1, Rows.T0, 1, result);

        await Commit(harness, new CommitRequest { HistoryAppends = [new HistoryAppend("a", "exec-1", 0, [completed])] });

        Assert.Equal(completed, Assert.Single(await History(harness, "a")));
    }

    [Fact]
    public async Task GetHistoryAsync_EveryEventKind_RoundTripsThroughTheStore()
    {
        await using IStoreHarness harness = await CreateHarnessAsync();
        var failure = new FailureDetails("System.TimeoutException", "slow", "at Y()", new FailureDetails("Inner", "cause"), IsNonRetriable: true);
        var trace = new TraceContext("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "a=b");
        HistoryEvent[] events =
        [
            new ExecutionStartedEvent(-1, Rows.T0, "Hello", "a", "exec-1", "\"in\"", "1.0",
                new ParentInstanceInfo(4, "Parent", "p", "pe"), Rows.T0.AddHours(1), new Dictionary<string, string> { ["t"] = "v" }) { ParentTraceContext = trace },
            new OrchestratorStartedEvent(-1, Rows.T0),
            new TaskScheduledEvent(1, Rows.T0, "Act", "1", "2.0", new Dictionary<string, string> { ["k"] = "v" }, ParentTraceContext: trace),
            new TaskCompletedEvent(-1, Rows.T0, 1, "{\"ok\":true}"),
            new TaskFailedEvent(-1, Rows.T0, 1, failure with { Properties = Properties() }),
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

        await Commit(harness, new CommitRequest { HistoryAppends = [new HistoryAppend("a", "exec-1", 0, events)] });
        IReadOnlyList<HistoryEvent> read = await History(harness, "a");

        // Records compare dictionaries by reference, so compare the HistoryJson text of each event instead.
        Assert.Equal(events.Select(HistoryJson.Serialize), read.Select(HistoryJson.Serialize));
        Assert.Equal(events.Select(e => e.GetType()), read.Select(e => e.GetType()));
        Assert.Equal(trace, ((ExecutionStartedEvent)read[0]).ParentTraceContext);
        Assert.Equal(JsonValueKind.Number, ((TaskFailedEvent)read[4]).FailureDetails.Properties!["Code"].ValueKind);
    }

    [Fact]
    public async Task GetInstanceAsync_FailureWithProperties_ReadBackAsWritten()
    {
        await using IStoreHarness harness = await CreateHarnessAsync();
        InstanceRecord written = Rows.Instance("a", OrchestrationStatus.Failed) with
        {
            FailureDetails = new FailureDetails("O", "o", InnerFailure: new FailureDetails("I", "i", Properties: Properties())),
        };

        await Commit(harness, new CommitRequest { InstanceUpserts = [written] });
        InstanceRecord read = (await Get(harness, "a"))!;

        Assert.Null(read.FailureDetails!.Properties);
        Assert.Equal(JsonSerializer.Serialize(written.FailureDetails.InnerFailure!.Properties), JsonSerializer.Serialize(read.FailureDetails.InnerFailure!.Properties));
    }

    private static Dictionary<string, JsonElement> Properties()
    {
        using JsonDocument document = JsonDocument.Parse("""{"ParamName":"quantity","Code":7,"Missing":null,"Lines":[1,"two"],"Nested":{"Vip":true}}""");
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
    }
}
