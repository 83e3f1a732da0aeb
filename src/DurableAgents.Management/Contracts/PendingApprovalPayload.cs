using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace DurableAgents.Management.Contracts;

/// <summary>
/// One instance waiting for a human approval, as GET /api/approvals lists it. <see cref="AnswerPostUri"/> answers it
/// once (refusing a second answer); <see cref="EventName"/> is the external event that carries the answer, which
/// <see cref="SendEventPostUri"/> (the Durable Functions raiseEvent route) or any client may raise instead.
/// </summary>
public sealed record PendingApprovalPayload(
    [property: JsonPropertyName("instanceId")] string InstanceId,
    [property: JsonPropertyName("orchestratorName")] string OrchestratorName,
    [property: JsonPropertyName("runtimeStatus")] string RuntimeStatus,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("since")] string Since,
    [property: JsonPropertyName("expiresAt")] string ExpiresAt,
    [property: JsonPropertyName("details")] JsonNode? Details,
    [property: JsonPropertyName("inputSummary")] string? InputSummary,
    [property: JsonPropertyName("answerPostUri")] string AnswerPostUri,
    [property: JsonPropertyName("eventName")] string EventName,
    [property: JsonPropertyName("sendEventPostUri")] string SendEventPostUri);
