using System.Text.Json;
using System.Text.Json.Serialization;

namespace DurableAgents.Approvals;

/// <summary>
/// The custom status that <see cref="ApprovalContextExtensions.WaitForApprovalAsync"/> publishes:
/// <c>{"waitingForApproval":{...}}</c> while it waits, <c>{"approvalDecided":{...}}</c> after the answer or timeout.
/// </summary>
public sealed record ApprovalCustomStatus
{
    /// <summary>The approval being waited for, while the instance waits.</summary>
    [JsonPropertyName("waitingForApproval")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ApprovalWait? WaitingForApproval { get; init; }

    /// <summary>The last decided approval, after the wait ended.</summary>
    [JsonPropertyName("approvalDecided")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ApprovalDecided? ApprovalDecided { get; init; }

    /// <summary>
    /// Reads an instance's serialised custom status. Returns false when it is not an approval status (for example
    /// because the orchestrator replaced it with its own <see cref="TaskOrchestrationContext.SetCustomStatus"/>).
    /// </summary>
    public static bool TryParse(string? serializedCustomStatus, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out ApprovalCustomStatus? status)
    {
        status = null;
        if (string.IsNullOrWhiteSpace(serializedCustomStatus))
        {
            return false;
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(serializedCustomStatus);
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return false;
            }

            ApprovalWait? wait = ReadIfNamed<ApprovalWait>(root, "waitingForApproval");
            ApprovalDecided? decided = ReadIfNamed<ApprovalDecided>(root, "approvalDecided");
            if (wait is null && decided is null)
            {
                return false;
            }

            status = new ApprovalCustomStatus { WaitingForApproval = wait, ApprovalDecided = decided };
            return true;
        }
        catch (JsonException)
        {
            // A custom status that is not JSON (or not our shape) simply is not an approval status.
            return false;
        }
    }

    private static T? ReadIfNamed<T>(JsonElement root, string property) where T : class
    {
        if (!root.TryGetProperty(property, out JsonElement element) ||
            element.ValueKind != JsonValueKind.Object ||
            !element.TryGetProperty("name", out JsonElement name) ||
            name.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        return element.Deserialize<T>(ReadOptions);
    }

    private static readonly JsonSerializerOptions ReadOptions = new(JsonSerializerDefaults.Web);
}
