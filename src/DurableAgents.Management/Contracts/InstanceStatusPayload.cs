using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace DurableAgents.Management.Contracts;

/// <summary>An instance's state as GET instances answers it (Durable Functions' status response shape).</summary>
public sealed record InstanceStatusPayload(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("instanceId")] string InstanceId,
    [property: JsonPropertyName("runtimeStatus")] string RuntimeStatus,
    [property: JsonPropertyName("input")] JsonNode? Input,
    [property: JsonPropertyName("customStatus")] JsonNode? CustomStatus,
    [property: JsonPropertyName("output")] JsonNode? Output,
    [property: JsonPropertyName("createdTime")] string CreatedTime,
    [property: JsonPropertyName("lastUpdatedTime")] string LastUpdatedTime)
{
    /// <summary>Set while the instance has work ready and no connected worker runs its orchestrator ("no connected worker handles 'Name'").</summary>
    [JsonPropertyName("waitingForWorker")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? WaitingForWorker { get; init; }

    /// <summary>The history in Durable Functions form, only when asked for with showHistory=true.</summary>
    [JsonPropertyName("historyEvents")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JsonArray? HistoryEvents { get; init; }
}
