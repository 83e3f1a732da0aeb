using System.Text.Json.Serialization;

namespace DurableAgents.Management.Contracts;

/// <summary>The acknowledgement of an approval answer: what was sent to the instance.</summary>
public sealed record ApprovalAnswerPayload(
    [property: JsonPropertyName("instanceId")] string InstanceId,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("eventName")] string EventName,
    [property: JsonPropertyName("approved")] bool Approved,
    [property: JsonPropertyName("approver")] string? Approver,
    [property: JsonPropertyName("comment")] string? Comment,
    [property: JsonPropertyName("statusQueryGetUri")] string StatusQueryGetUri);
