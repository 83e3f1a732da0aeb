using System.Text.Json;
using DurableAgents.Actions;
using DurableAgents.History;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using P = Microsoft.DurableTask.Protobuf;

namespace DurableAgents.Protocol.Tests.Mapping;

public sealed class ProtoConverterTests
{
    public static TheoryData<string> HistoryEventJson() => new(SampleRecords.HistoryEvents().Select(HistoryJson.Serialize));

    public static TheoryData<string, string> ActionJson()
    {
        var data = new TheoryData<string, string>();
        foreach (var action in SampleRecords.Actions())
        {
            data.Add(action.GetType().Name, SerializeAction(action));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HistoryEventJson))]
    public void ToHistoryEvent_AfterToProtoAndWire_EqualsOriginal(string json)
    {
        var original = HistoryJson.Deserialize(json);

        var wire = ProtoConverter.ToProto(original).ToByteArray();
        var roundTripped = ProtoConverter.ToHistoryEvent(P.HistoryEvent.Parser.ParseFrom(wire));

        Assert.Equal(original.GetType(), roundTripped.GetType());
        Assert.Equal(json, HistoryJson.Serialize(roundTripped));
        Assert.Equal(DateTimeKind.Utc, roundTripped.Timestamp.Kind);
    }

    [Theory]
    [MemberData(nameof(ActionJson))]
    public void ToAction_AfterToProtoAndWire_EqualsOriginal(string typeName, string json)
    {
        var original = SampleRecords.Actions().First(a => a.GetType().Name == typeName && SerializeAction(a) == json);

        var wire = ProtoConverter.ToProto(original).ToByteArray();
        var roundTripped = ProtoConverter.ToAction(P.OrchestratorAction.Parser.ParseFrom(wire));

        Assert.Equal(original.GetType(), roundTripped.GetType());
        Assert.Equal(json, SerializeAction(roundTripped));
    }

    [Fact]
    public void Samples_CoverEveryHistoryEventAndActionRecord()
    {
        var eventTypes = ConcreteSubtypes(typeof(HistoryEvent));
        var actionTypes = ConcreteSubtypes(typeof(OrchestratorAction));

        Assert.Equal(eventTypes, SampleRecords.HistoryEvents().Select(e => e.GetType()).Distinct().OrderBy(t => t.Name));
        Assert.Equal(actionTypes, SampleRecords.Actions().Select(a => a.GetType()).Distinct().OrderBy(t => t.Name));
    }

    [Fact]
    public void ToProto_HistoryEvents_UseProtocolOneofCases()
    {
        var cases = SampleRecords.HistoryEvents().Select(e => (e.GetType().Name, (int)ProtoConverter.ToProto(e).EventTypeCase)).Distinct();

        // The oneof case number is the protocol's field number; the History README lists the same table.
        var expected = new Dictionary<string, int>
        {
            ["ExecutionStartedEvent"] = 3, ["ExecutionCompletedEvent"] = 4, ["ExecutionTerminatedEvent"] = 5,
            ["TaskScheduledEvent"] = 6, ["TaskCompletedEvent"] = 7, ["TaskFailedEvent"] = 8,
            ["SubOrchestrationInstanceCreatedEvent"] = 9, ["SubOrchestrationInstanceCompletedEvent"] = 10,
            ["SubOrchestrationInstanceFailedEvent"] = 11, ["TimerCreatedEvent"] = 12, ["TimerFiredEvent"] = 13,
            ["OrchestratorStartedEvent"] = 14, ["OrchestratorCompletedEvent"] = 15, ["EventSentEvent"] = 16,
            ["EventRaisedEvent"] = 17, ["GenericEvent"] = 18, ["HistoryStateEvent"] = 19, ["ContinueAsNewEvent"] = 20,
            ["ExecutionSuspendedEvent"] = 21, ["ExecutionResumedEvent"] = 22, ["ExecutionRewoundEvent"] = 30,
        };
        Assert.All(cases, c => Assert.Equal(expected[c.Name], c.Item2));
    }

    [Fact]
    public void ToProto_OptionalStringsNull_LeftUnsetOnTheWire()
    {
        var proto = ProtoConverter.ToProto(new TaskCompletedEvent(-1, SampleRecords.At, 1, null));

        Assert.Null(proto.TaskCompleted.Result);
        Assert.Equal(2, proto.TaskCompleted.CalculateSize()); // only taskScheduledId (tag + varint)
        var withEmpty = ProtoConverter.ToProto(new TaskCompletedEvent(-1, SampleRecords.At, 1, string.Empty));
        Assert.Equal(string.Empty, ProtoConverter.ToHistoryEvent(P.HistoryEvent.Parser.ParseFrom(withEmpty.ToByteArray())) is TaskCompletedEvent e ? e.Result : null);
    }

    [Fact]
    public void ToHistoryEvent_ExecutionStartedWithEpochScheduledStart_MeansNoScheduledStart()
    {
        var proto = new P.HistoryEvent
        {
            EventId = -1,
            Timestamp = Timestamp.FromDateTime(SampleRecords.At),
            ExecutionStarted = new P.ExecutionStartedEvent
            {
                Name = "Hello",
                OrchestrationInstance = new P.OrchestrationInstance { InstanceId = "i" },
                ScheduledStartTimestamp = new Timestamp(),
            },
        };

        var started = Assert.IsType<ExecutionStartedEvent>(ProtoConverter.ToHistoryEvent(proto));

        Assert.Null(started.ScheduledStartTime);
        Assert.Equal("i", started.InstanceId);
    }

    [Fact]
    public void ToHistoryEvent_EntityEvent_NotSupportedNamingTheKind()
    {
        var proto = new P.HistoryEvent { EventId = 3, EntityOperationSignaled = new P.EntityOperationSignaledEvent { Operation = "add" } };

        var error = Assert.Throws<NotSupportedException>(() => ProtoConverter.ToHistoryEvent(proto));

        Assert.Contains("EntityOperationSignaled", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ToHistoryEvent_NoEventType_ArgumentException()
    {
        Assert.Throws<ArgumentException>(() => ProtoConverter.ToHistoryEvent(new P.HistoryEvent { EventId = 1 }));
    }

    [Fact]
    public void ToAction_EntityMessage_NotSupported()
    {
        var proto = new P.OrchestratorAction { Id = 1, SendEntityMessage = new P.SendEntityMessageAction() };

        Assert.Throws<NotSupportedException>(() => ProtoConverter.ToAction(proto));
    }

    [Fact]
    public void FailureDetails_RoundTrip_KeepsInnerChain()
    {
        var details = new FailureDetails("A", "a", "trace", new FailureDetails("B", "b", null, new FailureDetails("C", "c"), true));

        var back = ProtoConverter.ToFailureDetails(P.TaskFailureDetails.Parser.ParseFrom(ProtoConverter.ToProto(details).ToByteArray()));

        Assert.Equal(details, back);
        Assert.Null(ProtoConverter.ToFailureDetails(null));
    }

    [Theory]
    [InlineData(OrchestrationStatus.Running, P.OrchestrationStatus.Running)]
    [InlineData(OrchestrationStatus.Completed, P.OrchestrationStatus.Completed)]
    [InlineData(OrchestrationStatus.ContinuedAsNew, P.OrchestrationStatus.ContinuedAsNew)]
    [InlineData(OrchestrationStatus.Failed, P.OrchestrationStatus.Failed)]
    [InlineData(OrchestrationStatus.Canceled, P.OrchestrationStatus.Canceled)]
    [InlineData(OrchestrationStatus.Terminated, P.OrchestrationStatus.Terminated)]
    [InlineData(OrchestrationStatus.Pending, P.OrchestrationStatus.Pending)]
    [InlineData(OrchestrationStatus.Suspended, P.OrchestrationStatus.Suspended)]
    public void Status_MapsBothWays(OrchestrationStatus status, P.OrchestrationStatus proto)
    {
        Assert.Equal(proto, ProtoConverter.ToProto(status));
        Assert.Equal(status, ProtoConverter.ToStatus(proto));
    }

    [Fact]
    public void Timestamps_LocalAndUnspecifiedTimes_BecomeUtc()
    {
        var utc = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc);

        Assert.Equal(utc, ProtoConverter.ToDateTime(ProtoConverter.ToTimestamp(utc.ToLocalTime())));
        Assert.Equal(utc, ProtoConverter.ToDateTime(ProtoConverter.ToTimestamp(DateTime.SpecifyKind(utc, DateTimeKind.Unspecified))));
        Assert.Null(ProtoConverter.ToTimestamp((DateTime?)null));
        Assert.Null(ProtoConverter.ToNullableDateTime(null));
        Assert.Equal(DateTimeKind.Utc, ProtoConverter.ToDateTime(null).Kind);
    }

    [Fact]
    public void InstanceSnapshot_RoundTrip_KeepsEveryField()
    {
        var metadata = new InstanceSnapshot("Approve", "inst-1")
        {
            RuntimeStatus = OrchestrationStatus.Failed,
            CreatedAt = SampleRecords.At,
            LastUpdatedAt = SampleRecords.Later,
            CompletedAt = SampleRecords.Later,
            ScheduledStartAt = SampleRecords.At,
            SerializedInput = "1",
            SerializedOutput = "2",
            SerializedCustomStatus = "\"waiting\"",
            FailureDetails = new FailureDetails("E", "m"),
            ParentInstanceId = "parent",
            ExecutionId = "exec",
            Tags = new Dictionary<string, string> { ["k"] = "v" },
        };

        var wire = ProtoConverter.ToProto(metadata).ToByteArray();
        var back = ProtoConverter.ToInstanceSnapshot(P.OrchestrationState.Parser.ParseFrom(wire));

        Assert.Equal(metadata with { Tags = null }, back with { Tags = null });
        Assert.Equal(metadata.Tags, back.Tags);
    }

    [Fact]
    public void ToHistoryEvents_List_KeepsOrder()
    {
        var events = SampleRecords.HistoryEvents().ToList();
        var request = new P.OrchestratorRequest { InstanceId = "i" };
        request.PastEvents.AddRange(ProtoConverter.ToProtoEvents(events));

        var back = ProtoConverter.ToHistoryEvents(P.OrchestratorRequest.Parser.ParseFrom(request.ToByteArray()).PastEvents);

        Assert.Equal(events.Select(HistoryJson.Serialize), back.Select(HistoryJson.Serialize));
    }

    [Fact]
    public void ToActions_List_KeepsOrder()
    {
        var actions = SampleRecords.Actions().ToList();
        var response = new P.OrchestratorResponse { InstanceId = "i" };
        response.Actions.AddRange(ProtoConverter.ToProtoActions(actions));

        var back = ProtoConverter.ToActions(P.OrchestratorResponse.Parser.ParseFrom(response.ToByteArray()).Actions);

        Assert.Equal(actions.Select(SerializeAction), back.Select(SerializeAction));
    }

    private static string SerializeAction(OrchestratorAction action) =>
        JsonSerializer.Serialize(action, action.GetType(), HistoryJson.Options);

    private static List<System.Type> ConcreteSubtypes(System.Type baseType) =>
        baseType.Assembly.GetTypes().Where(t => t.IsSubclassOf(baseType) && !t.IsAbstract).OrderBy(t => t.Name).ToList();
}
