using System.Text.Json;
using DurableAgents.Actions;
using DurableAgents.History;
using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using P = Microsoft.DurableTask.Protobuf;

namespace DurableAgents.Protocol.Tests.Mapping;

/// <summary>Failure-detail properties, sub-orchestration tags and trace contexts: the fields that were once dropped.</summary>
public sealed class ProtocolFieldMappingTests
{
    private const string TraceParent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01";

    [Fact]
    public void FailureProperties_ToProto_EachJsonKindBecomesItsValueKind()
    {
        var details = new FailureDetails("E", "m", Properties: SampleRecords.Properties());

        var properties = P.TaskFailureDetails.Parser.ParseFrom(ProtoConverter.ToProto(details).ToByteArray()).Properties;

        Assert.Equal("quantity", properties["ParamName"].StringValue);
        Assert.Equal(7d, properties["Code"].NumberValue);
        Assert.Equal(0.1, properties["Ratio"].NumberValue);
        Assert.True(properties["Flag"].BoolValue);
        Assert.Equal(Value.KindOneofCase.BoolValue, properties["Off"].KindCase);
        Assert.Equal(Value.KindOneofCase.NullValue, properties["Missing"].KindCase);
        Assert.Equal(
            [Value.KindOneofCase.NumberValue, Value.KindOneofCase.StringValue, Value.KindOneofCase.NullValue],
            properties["Lines"].ListValue.Values.Select(v => v.KindCase));
        Assert.Empty(properties["Nested"].StructValue.Fields["a"].StructValue.Fields["b"].ListValue.Values);
    }

    [Fact]
    public void FailureProperties_FromProto_KeepKindsThroughHistoryJson()
    {
        var proto = new P.TaskFailureDetails { ErrorType = "E", ErrorMessage = "m" };
        proto.Properties["s"] = Value.ForString("7"); // a string that looks like a number stays a string
        proto.Properties["n"] = Value.ForNumber(7);
        proto.Properties["big"] = Value.ForNumber(1e300);
        proto.Properties["null"] = Value.ForNull();
        proto.Properties["unset"] = new Value();
        proto.Properties["list"] = Value.ForList(Value.ForBool(false), Value.ForStruct(new Struct { Fields = { ["k"] = Value.ForString("v") } }));
        var failed = new TaskFailedEvent(-1, SampleRecords.At, 1, ProtoConverter.ToFailureDetails(proto)!);

        // The stored form (HistoryJson) and back, then to the protocol again.
        var stored = (TaskFailedEvent)HistoryJson.Deserialize(HistoryJson.Serialize(failed));
        var back = ProtoConverter.ToProto(stored).TaskFailed.FailureDetails.Properties;

        Assert.Equal(JsonValueKind.String, stored.FailureDetails.Properties!["s"].ValueKind);
        Assert.Equal(Value.ForString("7"), back["s"]);
        Assert.Equal(Value.ForNumber(7), back["n"]);
        Assert.Equal(Value.ForNumber(1e300), back["big"]);
        Assert.Equal(Value.ForNull(), back["null"]);
        Assert.Equal(Value.ForNull(), back["unset"]);
        Assert.Equal(proto.Properties["list"], back["list"]);
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void FailureProperties_NonFiniteNumber_BecomesProto3JsonSpelling(double number, string expected)
    {
        JsonElement element = ProtoConverter.ToJsonElement(Value.ForNumber(number));

        Assert.Equal(expected, element.GetString());
    }

    [Fact]
    public void FailureProperties_NoneOnTheWire_NullInTheRecord()
    {
        var back = ProtoConverter.ToFailureDetails(new P.TaskFailureDetails { ErrorType = "E", ErrorMessage = "m" })!;

        Assert.Null(back.Properties);
        Assert.Empty(ProtoConverter.ToProto(back).Properties);
    }

    [Fact]
    public void FailureProperties_InnerFailureAndInstanceState_CarryTheirOwn()
    {
        var inner = new FailureDetails("I", "i", Properties: SampleRecords.Properties());
        var metadata = new InstanceSnapshot("Approve", "inst-1") { FailureDetails = new FailureDetails("O", "o", InnerFailure: inner) };

        var state = P.OrchestrationState.Parser.ParseFrom(ProtoConverter.ToProto(metadata).ToByteArray());
        var back = ProtoConverter.ToInstanceSnapshot(state).FailureDetails!;

        Assert.Empty(state.FailureDetails.Properties);
        Assert.Equal("quantity", state.FailureDetails.InnerFailure.Properties["ParamName"].StringValue);
        Assert.Equal(
            JsonSerializer.Serialize(inner.Properties),
            JsonSerializer.Serialize(back.InnerFailure!.Properties));
    }

    [Fact]
    public void CreateSubOrchestration_TagsAndTraceContext_MapBothWays()
    {
        var proto = new P.OrchestratorAction
        {
            Id = 3,
            CreateSubOrchestration = new P.CreateSubOrchestrationAction
            {
                InstanceId = "child",
                Name = "Child",
                ParentTraceContext = new P.TraceContext { TraceParent = TraceParent, TraceState = "a=b" },
            },
        };
        proto.CreateSubOrchestration.Tags["team"] = "billing";

        var action = Assert.IsType<CreateSubOrchestrationAction>(ProtoConverter.ToAction(proto));

        Assert.Equal("billing", action.Tags!["team"]);
        Assert.Equal(new TraceContext(TraceParent, "a=b"), action.ParentTraceContext);
        Assert.Equal(proto, ProtoConverter.ToProto(action));
    }

    [Fact]
    public void ScheduleTask_TraceContext_MapsBothWays()
    {
        var proto = new P.OrchestratorAction
        {
            Id = 1,
            ScheduleTask = new P.ScheduleTaskAction { Name = "Step", ParentTraceContext = new P.TraceContext { TraceParent = TraceParent } },
        };

        var action = Assert.IsType<ScheduleTaskAction>(ProtoConverter.ToAction(proto));

        Assert.Equal(new TraceContext(TraceParent), action.ParentTraceContext);
        Assert.Equal(proto, ProtoConverter.ToProto(action));
    }

    [Fact]
    public void ExecutionStarted_ParentTraceContext_MapsBothWays()
    {
        var started = new ExecutionStartedEvent(-1, SampleRecords.At, "Approve", "inst-1", "exec-1", null, ParentTraceContext: new TraceContext(TraceParent, "a=b"));

        var proto = ProtoConverter.ToProto(started);
        var back = (ExecutionStartedEvent)ProtoConverter.ToHistoryEvent(P.HistoryEvent.Parser.ParseFrom(proto.ToByteArray()));

        Assert.Equal(TraceParent, proto.ExecutionStarted.ParentTraceContext.TraceParent);
        Assert.Equal("a=b", proto.ExecutionStarted.ParentTraceContext.TraceState);
        Assert.Equal(started.ParentTraceContext, back.ParentTraceContext);
    }

    [Fact]
    public void TraceContext_UnsetOrWithoutTraceParent_IsNone()
    {
        Assert.Null(ProtoConverter.ToTraceContext(null));
        Assert.Null(ProtoConverter.ToTraceContext(new P.TraceContext()));
        Assert.Null(ProtoConverter.ToProto((TraceContext?)null));
    }

    [Fact]
    public void OrchestrationTraceContext_MapsBothWays_AndAnEmptyMessageIsNone()
    {
        var context = new OrchestrationTraceContext("b7ad6b7169203331", SampleRecords.At);

        var proto = P.OrchestrationTraceContext.Parser.ParseFrom(ProtoConverter.ToProto(context)!.ToByteArray());

        Assert.Equal("b7ad6b7169203331", proto.SpanID);
        Assert.Equal(context, ProtoConverter.ToOrchestrationTraceContext(proto));

        // The official worker sends an empty message when it did not trace the episode.
        Assert.Null(ProtoConverter.ToOrchestrationTraceContext(new P.OrchestrationTraceContext()));
        Assert.Null(ProtoConverter.ToOrchestrationTraceContext(null));
        Assert.Null(ProtoConverter.ToProto((OrchestrationTraceContext?)null));
    }
}
