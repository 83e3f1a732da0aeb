using System.Text.Json.Serialization;

namespace DurableAgents.Approvals;

/// <summary>The last approval an instance decided, as published in its custom status once the wait ended.</summary>
/// <param name="Name">The approval's name.</param>
/// <param name="Since">When the wait began (orchestration time, UTC).</param>
/// <param name="Outcome">How it ended.</param>
/// <param name="Approver">Who answered, if anyone.</param>
/// <param name="Comment">The approver's comment, if any.</param>
/// <param name="DecidedAt">When the orchestration saw the answer or the timeout (orchestration time, UTC).</param>
public sealed record ApprovalDecided(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("since")] DateTime Since,
    [property: JsonPropertyName("outcome")] ApprovalOutcome Outcome,
    [property: JsonPropertyName("approver"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Approver,
    [property: JsonPropertyName("comment"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Comment,
    [property: JsonPropertyName("decidedAt")] DateTime DecidedAt);
