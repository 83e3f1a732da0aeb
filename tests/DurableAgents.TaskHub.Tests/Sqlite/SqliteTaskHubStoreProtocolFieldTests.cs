using System.Text.Json;
using DurableAgents.History;
using DurableAgents.TaskHub.Storage;
using static DurableAgents.TaskHub.Tests.Sqlite.SqliteTaskHubStoreInstanceTests;

namespace DurableAgents.TaskHub.Tests.Sqlite;

/// <summary>Failure-detail properties and trace contexts survive the store: instance rows, history rows, activity rows.</summary>
public sealed class SqliteTaskHubStoreProtocolFieldTests
{
    private static readonly TraceContext Trace = new("00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "a=b");

    [Fact]
    public async Task GetInstanceAsync_FailureWithPropertiesAndTraceContext_ReadBackAsWritten()
    {
        await using StoreFixture fixture = await StoreFixture.CreateAsync();
        InstanceRecord written = Rows.Instance("a", OrchestrationStatus.Failed) with
        {
            FailureDetails = new FailureDetails("O", "o", InnerFailure: new FailureDetails("I", "i", Properties: Properties())),
            TraceContext = new OrchestrationTraceContext("b7ad6b7169203331", Rows.T0.AddTicks(1234567)),
        };

        await Commit(fixture, new CommitRequest { InstanceUpserts = [written] });
        await fixture.ReopenAsync();
        InstanceRecord read = (await fixture.Store.GetInstanceAsync("a", includePayloads: false, CancellationToken.None))!;

        Assert.Equal(written.TraceContext, read.TraceContext);
        Assert.Null(read.FailureDetails!.Properties);
        Assert.Equal(Json(written.FailureDetails.InnerFailure!.Properties), Json(read.FailureDetails.InnerFailure!.Properties));
    }

    [Fact]
    public async Task GetHistoryAsync_PropertiesAndTraceContexts_ReadBackAsWritten()
    {
        await using StoreFixture fixture = await StoreFixture.CreateAsync();
        HistoryEvent[] events =
        [
            Rows.Started("a") with { ParentTraceContext = Trace },
            new TaskScheduledEvent(1, Rows.T0, "SayHello", null, ParentTraceContext: Trace),
            new TaskFailedEvent(-1, Rows.T0, 1, new FailureDetails("E", "m", Properties: Properties())),
            new SubOrchestrationInstanceCreatedEvent(2, Rows.T0, "child", "Child", null, null, new Dictionary<string, string> { ["k"] = "v" }, Trace),
        ];

        await Commit(fixture, new CommitRequest
        {
            InstanceUpserts = [Rows.Instance("a", historyLength: events.Length)],
            HistoryAppends = [new HistoryAppend("a", "exec-1", 0, events)],
        });
        IReadOnlyList<HistoryEvent> read = await fixture.Store.GetHistoryAsync("a", "exec-1", CancellationToken.None);

        Assert.Equal(events.Select(HistoryJson.Serialize), read.Select(HistoryJson.Serialize));
        Assert.Equal(Trace, ((ExecutionStartedEvent)read[0]).ParentTraceContext);
        Assert.Equal(JsonValueKind.Number, ((TaskFailedEvent)read[2]).FailureDetails.Properties!["Code"].ValueKind);
    }

    [Fact]
    public async Task LoadRecoveryStateAsync_ActivityWithTraceContext_KeepsIt()
    {
        await using StoreFixture fixture = await StoreFixture.CreateAsync();

        await Commit(fixture, new CommitRequest { ActivityInserts = [Rows.Activity("a", 1) with { ParentTraceContext = Trace }, Rows.Activity("a", 2)] });
        RecoveryState state = await fixture.Store.LoadRecoveryStateAsync(CancellationToken.None);

        Assert.Equal(Trace, state.Activities[0].ParentTraceContext);
        Assert.Null(state.Activities[1].ParentTraceContext);
    }

    [Fact]
    public void StoredEventsWrittenBeforeTheFields_StillRead()
    {
        // The form of TaskFailed and ExecutionStarted rows written before properties and trace contexts existed.
        var failed = (TaskFailedEvent)HistoryJson.Deserialize(
            """{"$type":"TaskFailed","taskScheduledId":1,"failureDetails":{"errorType":"E","errorMessage":"m","isNonRetriable":false},"eventId":-1,"timestamp":"2026-03-01T12:00:00Z"}""");
        var started = (ExecutionStartedEvent)HistoryJson.Deserialize(
            """{"$type":"ExecutionStarted","name":"Hello","instanceId":"a","eventId":-1,"timestamp":"2026-03-01T12:00:00Z"}""");

        Assert.Null(failed.FailureDetails.Properties);
        Assert.Equal("E", failed.FailureDetails.ErrorType);
        Assert.Null(started.ParentTraceContext);
    }

    private static Dictionary<string, JsonElement> Properties()
    {
        using JsonDocument document = JsonDocument.Parse("""{"ParamName":"quantity","Code":7,"Missing":null,"Lines":[1,"two"],"Nested":{"Vip":true}}""");
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone());
    }

    private static string Json(IReadOnlyDictionary<string, JsonElement>? properties) => JsonSerializer.Serialize(properties);
}
