using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace DurableAgents.Management.Contracts;

/// <summary>One instance waiting for a human approval, as GET /api/approvals lists it.</summary>
public sealed record PendingApprovalPayload(
    [property: JsonPropertyName("instanceId")] string InstanceId,
    [property: JsonPropertyName("orchestratorName")] string OrchestratorName,
    [property: JsonPropertyName("runtimeStatus")] string RuntimeStatus,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("since")] string Since,
    [property: JsonPropertyName("expiresAt")] string ExpiresAt,
    [property: JsonPropertyName("details")] JsonNode? Details,
    [property: JsonPropertyName("inputSummary")] string? InputSummary,
    [property: JsonPropertyName("answerPostUri")] string AnswerPostUri);
