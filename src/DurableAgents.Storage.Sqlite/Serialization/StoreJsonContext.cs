using System.Text.Json;
using System.Text.Json.Serialization;
using DurableAgents.History;

namespace DurableAgents.Storage.Sqlite.Serialization;

/// <summary>
/// Compile-time JSON metadata for what the store serializes. The settings equal HistoryJson's (web defaults,
/// nulls omitted, enums as names), so stored events are in the documented HistoryJson form.
/// </summary>
[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(HistoryEvent))]
[JsonSerializable(typeof(FailureDetails))]
[JsonSerializable(typeof(ParentInstanceInfo))]
[JsonSerializable(typeof(TraceContext))]
[JsonSerializable(typeof(OrchestrationTraceContext))]
[JsonSerializable(typeof(Dictionary<string, string>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;
