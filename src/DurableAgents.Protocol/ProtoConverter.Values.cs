using System.Buffers;
using System.Text.Json;
using Google.Protobuf.Collections;
using Google.Protobuf.WellKnownTypes;
using P = Microsoft.DurableTask.Protobuf;

namespace DurableAgents.Protocol;

/// <summary>
/// google.protobuf.Value as JSON. Value is the protobuf form of a JSON value, so each kind has exactly one JSON
/// counterpart (null, number, string, bool, object, array) and the mapping is lossless both ways; the one exception is
/// a non-finite number, which JSON cannot hold and which is written as proto3 JSON writes doubles ("NaN", "Infinity",
/// "-Infinity"), so it comes back as that string.
/// </summary>
public static partial class ProtoConverter
{
    /// <summary>A protobuf Value as a JSON element (detached from any document).</summary>
    public static JsonElement ToJsonElement(Value value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteValue(writer, value);
        }

        using JsonDocument document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    /// <summary>A JSON element as a protobuf Value.</summary>
    public static Value ToProtoValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => Value.ForNull(),
        JsonValueKind.Number => Value.ForNumber(element.GetDouble()),
        JsonValueKind.String => Value.ForString(element.GetString()!),
        JsonValueKind.True => Value.ForBool(true),
        JsonValueKind.False => Value.ForBool(false),
        JsonValueKind.Array => Value.ForList(element.EnumerateArray().Select(ToProtoValue).ToArray()),
        JsonValueKind.Object => Value.ForStruct(ToStruct(element)),
        _ => throw new ArgumentException($"The JSON value kind {element.ValueKind} has no protobuf Value.", nameof(element)),
    };

    private static Struct ToStruct(JsonElement element)
    {
        var result = new Struct();
        foreach (JsonProperty property in element.EnumerateObject())
        {
            result.Fields[property.Name] = ToProtoValue(property.Value);
        }

        return result;
    }

    private static void WriteValue(Utf8JsonWriter writer, Value value)
    {
        switch (value.KindCase)
        {
            case Value.KindOneofCase.NumberValue when double.IsFinite(value.NumberValue):
                writer.WriteNumberValue(value.NumberValue);
                break;
            case Value.KindOneofCase.NumberValue:
                writer.WriteStringValue(double.IsNaN(value.NumberValue) ? "NaN" : value.NumberValue > 0 ? "Infinity" : "-Infinity");
                break;
            case Value.KindOneofCase.StringValue:
                writer.WriteStringValue(value.StringValue);
                break;
            case Value.KindOneofCase.BoolValue:
                writer.WriteBooleanValue(value.BoolValue);
                break;
            case Value.KindOneofCase.StructValue:
                writer.WriteStartObject();
                foreach ((string name, Value field) in value.StructValue.Fields)
                {
                    writer.WritePropertyName(name);
                    WriteValue(writer, field);
                }

                writer.WriteEndObject();
                break;
            case Value.KindOneofCase.ListValue:
                writer.WriteStartArray();
                foreach (Value item in value.ListValue.Values)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                // NullValue, and a Value with no kind set (protobuf's default), which proto3 JSON also reads as null.
                writer.WriteNullValue();
                break;
        }
    }

    private static void CopyProperties(IReadOnlyDictionary<string, JsonElement>? properties, MapField<string, Value> target)
    {
        if (properties is null)
        {
            return;
        }

        foreach ((string key, JsonElement value) in properties)
        {
            target[key] = ToProtoValue(value);
        }
    }

    /// <summary>An empty map means "no properties", so records keep null rather than an empty dictionary.</summary>
    private static Dictionary<string, JsonElement>? ToProperties(MapField<string, Value> properties)
    {
        if (properties.Count == 0)
        {
            return null;
        }

        var result = new Dictionary<string, JsonElement>(properties.Count, StringComparer.Ordinal);
        foreach ((string key, Value value) in properties)
        {
            result[key] = ToJsonElement(value);
        }

        return result;
    }

    /// <summary>A trace context as the protocol message; null stays null.</summary>
    public static P.TraceContext? ToProto(History.TraceContext? context) => context is null
        ? null
        : new P.TraceContext { TraceParent = context.TraceParent, TraceState = context.TraceState };

    /// <summary>The protocol's trace context as ours; an unset message, or one without a traceparent, is none.</summary>
    public static History.TraceContext? ToTraceContext(P.TraceContext? proto) =>
        string.IsNullOrEmpty(proto?.TraceParent) ? null : new History.TraceContext(proto.TraceParent, proto.TraceState);

    /// <summary>The orchestration span a worker reported, as the protocol message; null stays null.</summary>
    public static P.OrchestrationTraceContext? ToProto(OrchestrationTraceContext? context) => context is null
        ? null
        : new P.OrchestrationTraceContext { SpanID = context.SpanId, SpanStartTime = ToTimestamp(context.SpanStartTime) };

    /// <summary>The protocol's orchestration span as ours; an unset or empty message (no span id, no start) is null.</summary>
    public static OrchestrationTraceContext? ToOrchestrationTraceContext(P.OrchestrationTraceContext? proto) =>
        proto is null || (string.IsNullOrEmpty(proto.SpanID) && proto.SpanStartTime is null)
            ? null
            : new OrchestrationTraceContext(EmptyToNull(proto.SpanID), ToNullableDateTime(proto.SpanStartTime));

    private static string? EmptyToNull(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
