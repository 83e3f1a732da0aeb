using System.Text.Json;
using System.Text.Json.Serialization;

namespace DurableAgents.Approvals;

/// <summary>
/// The payload of the external event that answers an approval (event name
/// <see cref="ApprovalContextExtensions.GetEventName"/>): <c>{"approved":true,"approver":"ana","comment":"ok"}</c>.
/// </summary>
/// <param name="Approved">True to approve, false to reject.</param>
/// <param name="Approver">Who answered.</param>
/// <param name="Comment">A free-text comment.</param>
public sealed record ApprovalDecision(
    [property: JsonPropertyName("approved")] bool Approved,
    [property: JsonPropertyName("approver")] string? Approver = null,
    [property: JsonPropertyName("comment")] string? Comment = null)
{
    /// <summary>
    /// Reads a decision from an event payload: an object with a boolean <c>approved</c> (and optional string
    /// <c>approver</c> and <c>comment</c>), or a bare boolean. Anything else is not a decision.
    /// </summary>
    public static bool TryRead(JsonElement payload, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ApprovalDecision? decision)
    {
        decision = null;
        switch (payload.ValueKind)
        {
            case JsonValueKind.True:
            case JsonValueKind.False:
                decision = new ApprovalDecision(payload.GetBoolean());
                return true;
            case JsonValueKind.Object:
                if (!payload.TryGetProperty("approved", out JsonElement approved) ||
                    approved.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    return false;
                }

                decision = new ApprovalDecision(approved.GetBoolean(), ReadString(payload, "approver"), ReadString(payload, "comment"));
                return true;
            default:
                return false;
        }
    }

    private static string? ReadString(JsonElement payload, string property) =>
        payload.TryGetProperty(property, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
