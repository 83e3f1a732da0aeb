using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using DurableAgents.History;

namespace DurableAgents.Abstractions.Tests;

public class HistoryJsonTests
{
    private static readonly DateTime T = new(2025, 3, 4, 5, 6, 7, DateTimeKind.Utc);
    private static readonly FailureDetails Failure = new("System.IO.IOException", "disk", "   at X()", new FailureDetails("Inner", "cause"), IsNonRetriable: true);
    private static readonly Dictionary<string, string> Tags = new() { ["tenant"] = "t1" };

    public static TheoryData<HistoryEvent> EveryEventKind() => [.. AllEvents()];

    private static HistoryEvent[] AllEvents() =>
    [
        new ExecutionStartedEvent(-1, T, "Orch", "i-1", "e-1", "{\"a\":1}", "v1", new ParentInstanceInfo(3, "Parent", "p-1", "pe-1"), T.AddHours(1), Tags),
        new ExecutionCompletedEvent(-1, T, OrchestrationStatus.Failed, null, Failure),
        new ExecutionTerminatedEvent(-1, T, "\"stop\"", Recurse: true),
        new ExecutionSuspendedEvent(-1, T, "pause"),
        new ExecutionResumedEvent(-1, T, "go"),
        new ExecutionRewoundEvent(-1, T, "again"),
        new ContinueAsNewEvent(-1, T, "5"),
        new TaskScheduledEvent(1, T, "Act", "\"x\"", "v2", Tags),
        new TaskCompletedEvent(-1, T, 1, "42"),
        new TaskFailedEvent(-1, T, 1, Failure),
        new SubOrchestrationInstanceCreatedEvent(2, T, "i-1:0002", "Child", "null", "v3"),
        new SubOrchestrationInstanceCompletedEvent(-1, T, 2, "\"ok\""),
        new SubOrchestrationInstanceFailedEvent(-1, T, 2, Failure),
        new TimerCreatedEvent(3, T, T.AddDays(7)),
        new TimerFiredEvent(-1, T.AddDays(7), 3, T.AddDays(7)),
        new OrchestratorStartedEvent(-1, T),
        new OrchestratorCompletedEvent(-1, T),
        new EventSentEvent(4, T, "other", "Ping", "{}"),
        new EventRaisedEvent(-1, T, "approval", "true"),
        new GenericEvent(-1, T, "diagnostic"),
        new HistoryStateEvent(-1, T, "i-1", "Orch", OrchestrationStatus.Running),
    ];

    [Theory]
    [MemberData(nameof(EveryEventKind))]
    public void Serialize_EveryEventKind_RoundTripsWithAllMembers(HistoryEvent historyEvent)
    {
        string json = HistoryJson.Serialize(historyEvent);
        HistoryEvent back = HistoryJson.Deserialize(json);

        Assert.IsType(historyEvent.GetType(), back);
        Assert.Equal(json, HistoryJson.Serialize(back));
        Assert.Equal(historyEvent.EventId, back.EventId);
        Assert.Equal(historyEvent.Timestamp, back.Timestamp);
        string discriminator = historyEvent.GetType().Name[..^"Event".Length];
        Assert.StartsWith($"{{\"$type\":\"{discriminator}\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryEventKind_CoversEveryConcreteHistoryEventType()
    {
        Type[] concrete = [.. typeof(HistoryEvent).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(HistoryEvent)) && !t.IsAbstract)];
        Type[] declared = [.. typeof(HistoryEvent).GetCustomAttributes<JsonDerivedTypeAttribute>().Select(a => a.DerivedType)];
        Type[] tested = [.. AllEvents().Select(e => e.GetType())];

        Assert.Equal(concrete.OrderBy(t => t.Name), declared.OrderBy(t => t.Name));
        Assert.Equal(concrete.OrderBy(t => t.Name), tested.OrderBy(t => t.Name));
    }

    [Fact]
    public void Serialize_UsesCamelCaseStringEnumsAndOmitsNulls()
    {
        string json = HistoryJson.Serialize(new ExecutionCompletedEvent(-1, T, OrchestrationStatus.ContinuedAsNew, null));

        Assert.Equal("{\"$type\":\"ExecutionCompleted\",\"status\":\"ContinuedAsNew\",\"eventId\":-1,\"timestamp\":\"2025-03-04T05:06:07Z\"}", json);
    }

    [Fact]
    public void SerializeHistory_WholeHistory_RoundTripsInOrder()
    {
        HistoryEvent[] history = AllEvents();

        string json = HistoryJson.SerializeHistory(history);
        IReadOnlyList<HistoryEvent> back = HistoryJson.DeserializeHistory(json);

        Assert.Contains('\n', json);
        Assert.Equal(history.Select(HistoryJson.Serialize), back.Select(HistoryJson.Serialize));
    }

    [Fact]
    public void Deserialize_UnknownDiscriminatorOrNull_Throws()
    {
        Assert.ThrowsAny<JsonException>(() => HistoryJson.Deserialize("{\"$type\":\"NoSuchEvent\",\"eventId\":1}"));
        Assert.ThrowsAny<JsonException>(() => HistoryJson.Deserialize("null"));
        Assert.ThrowsAny<JsonException>(() => HistoryJson.DeserializeHistory("null"));
    }
}
