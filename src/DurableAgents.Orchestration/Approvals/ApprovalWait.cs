using System.Text.Json.Serialization;

namespace DurableAgents.Approvals;

/// <summary>The approval an instance is waiting for, as published in its custom status.</summary>
/// <param name="Name">The approval's name.</param>
/// <param name="Since">Orchestration time (UTC) at which the wait began; identifies this particular wait.</param>
/// <param name="ExpiresAt">Orchestration time (UTC) at which the wait times out.</param>
/// <param name="Details">What the approver should see (any JSON-serialisable value), if given.</param>
public sealed record ApprovalWait(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("since")] DateTime Since,
    [property: JsonPropertyName("expiresAt")] DateTime ExpiresAt,
    [property: JsonPropertyName("details"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] object? Details = null);
