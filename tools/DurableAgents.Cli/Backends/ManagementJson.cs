using System.Globalization;
using System.Text.Json;
using DurableAgents.Cli.Output;
using Microsoft.DurableTask.Client;

namespace DurableAgents.Cli.Backends;

/// <summary>Reads the management API's status bodies and Durable Functions style history entries.</summary>
internal static class ManagementJson
{
    public static OrchestrationMetadata ReadStatus(JsonElement body)
    {
        string name = String(body, "name") ?? string.Empty;
        string instanceId = String(body, "instanceId") ?? string.Empty;
        string status = String(body, "runtimeStatus") ?? string.Empty;
        return new OrchestrationMetadata(name, instanceId)
        {
            RuntimeStatus = Enum.TryParse(status, ignoreCase: true, out OrchestrationStatus parsed)
                ? parsed.ToRuntimeStatus()
                : throw new ManagementApiException($"The HTTP API reported the unknown runtime status '{status}' for instance '{instanceId}'."),
            CreatedAt = Time(body, "createdTime") ?? default,
            LastUpdatedAt = Time(body, "lastUpdatedTime") ?? default,
            SerializedInput = Raw(body, "input"),
            SerializedOutput = Raw(body, "output"),
            SerializedCustomStatus = Raw(body, "customStatus"),
        };
    }

    /// <summary>The body of GET /api/approvals: an array of pending approvals.</summary>
    public static IReadOnlyList<PendingApproval> ReadApprovals(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Array)
        {
            throw new ManagementApiException("The HTTP API's approval list is not a JSON array. Is --http the DurableAgents sidecar's HTTP base URL?");
        }

        return [.. body.EnumerateArray().Select(item => new PendingApproval(
            String(item, "instanceId") ?? string.Empty,
            String(item, "orchestratorName") ?? string.Empty,
            Enum.TryParse(String(item, "runtimeStatus"), ignoreCase: true, out OrchestrationStatus status) ? status.ToRuntimeStatus() : OrchestrationRuntimeStatus.Running,
            String(item, "name") ?? string.Empty,
            Time(item, "since") ?? default,
            Time(item, "expiresAt") ?? default,
            Raw(item, "details")))];
    }

    /// <summary>
    /// History rows from the status body's <c>historyEvents</c>. The API leaves out episode bookkeeping and folds
    /// scheduling events into their completions, so numbers count the entries it returns and task ids are unknown.
    /// </summary>
    public static IReadOnlyList<HistoryRow> ReadHistory(JsonElement body)
    {
        if (!body.TryGetProperty("historyEvents", out JsonElement events) || events.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        var rows = new List<HistoryRow>();
        int number = 0;
        foreach (JsonElement entry in events.EnumerateArray())
        {
            number++;
            string eventType = String(entry, "EventType") ?? "Unknown";
            DateTime timestamp = Time(entry, "Timestamp")?.UtcDateTime ?? default;
            string? name = String(entry, "FunctionName") ?? String(entry, "Name");
            rows.Add(new HistoryRow(number, timestamp, eventType, name, null, Details(entry)));
        }

        return rows;
    }

    private static string? Details(JsonElement entry)
    {
        var parts = new List<string>();
        if (String(entry, "OrchestrationStatus") is { } status)
        {
            parts.Add(status);
        }

        if (entry.TryGetProperty("FailureDetails", out JsonElement failure) && failure.ValueKind == JsonValueKind.Object)
        {
            parts.Add(PayloadText.Summarize($"failed: {String(failure, "ErrorType")}: {String(failure, "ErrorMessage")}", PayloadText.DefaultMaxLength + 40)!);
        }
        else if (String(entry, "Reason") is { } reason)
        {
            parts.Add($"reason {PayloadText.Summarize(reason)}");
        }

        if (String(entry, "InstanceId") is { } instance)
        {
            parts.Add($"instance {instance}");
        }

        if (Time(entry, "FireAt") is { } fireAt)
        {
            parts.Add(string.Equals(String(entry, "EventType"), "TimerFired", StringComparison.Ordinal)
                ? $"was due at {PayloadText.Time(fireAt)}"
                : $"fires at {PayloadText.Time(fireAt)}");
        }

        if (Raw(entry, "Result") is { } result)
        {
            parts.Add($"result {PayloadText.Summarize(result)}");
        }
        else if (Raw(entry, "Input") is { } input)
        {
            string label = String(entry, "EventType") is "EventRaised" or "EventSent" ? "data" : "input";
            parts.Add($"{label} {PayloadText.Summarize(input)}");
        }

        return parts.Count == 0 ? null : string.Join(", ", parts);
    }

    private static string? String(JsonElement element, string property) =>
        element.TryGetProperty(property, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>The member as JSON text; absent or JSON null gives null, as the client reports "no payload".</summary>
    private static string? Raw(JsonElement element, string property) =>
        element.TryGetProperty(property, out JsonElement value) && value.ValueKind is not (JsonValueKind.Null or JsonValueKind.Undefined)
            ? value.GetRawText()
            : null;

    private static DateTimeOffset? Time(JsonElement element, string property) =>
        String(element, property) is { } text &&
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset time)
            ? time
            : null;
}
