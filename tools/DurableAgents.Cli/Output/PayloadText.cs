using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DurableAgents.Cli.Output;

/// <summary>Turns payloads (JSON text) and times into short text for tables.</summary>
internal static class PayloadText
{
    // Tables are read by people in a terminal: show ' and non-ASCII text as they are, not as \u escapes.
    private static readonly JsonSerializerOptions CompactOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Longest payload shown in a table cell before it is cut.</summary>
    public const int DefaultMaxLength = 80;

    /// <summary>The payload on one line (JSON compacted), cut to <paramref name="maxLength"/> characters with an ellipsis.</summary>
    public static string? Summarize(string? payload, int maxLength = DefaultMaxLength)
    {
        if (payload is null)
        {
            return null;
        }

        string compact = Compact(payload);
        return compact.Length <= maxLength ? compact : string.Concat(compact.AsSpan(0, Math.Max(0, maxLength - 1)), "…");
    }

    /// <summary>JSON text without insignificant whitespace; text that is not JSON is returned with line breaks flattened.</summary>
    public static string Compact(string payload)
    {
        try
        {
            JsonNode? node = JsonNode.Parse(payload);
            return node?.ToJsonString(CompactOptions) ?? "null";
        }
        catch (JsonException)
        {
            return payload.ReplaceLineEndings(" ");
        }
    }

    /// <summary>The text of a payload that is a JSON string (e.g. a failure message), else the payload on one line.</summary>
    public static string? Unquote(string? payload, int maxLength = DefaultMaxLength)
    {
        if (payload is not null && ToNode(payload) is JsonValue value && value.TryGetValue(out string? text))
        {
            return Summarize(text, maxLength);
        }

        return Summarize(payload, maxLength);
    }

    /// <summary>The payload as a JSON value for --json output; text that is not JSON becomes a JSON string.</summary>
    public static JsonNode? ToNode(string? payload)
    {
        if (payload is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(payload);
        }
        catch (JsonException)
        {
            return JsonValue.Create(payload);
        }
    }

    /// <summary>A UTC time with milliseconds, as tables show it.</summary>
    public static string Time(DateTime time) =>
        ToUtc(time).ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture);

    /// <summary>A UTC time with milliseconds, as tables show it.</summary>
    public static string Time(DateTimeOffset time) => Time(time.UtcDateTime);

    /// <summary>The round-trip ISO 8601 form with a Z, for --json output.</summary>
    public static string Iso(DateTime time) => ToUtc(time).ToString("O", CultureInfo.InvariantCulture);

    /// <summary>The round-trip ISO 8601 form with a Z, for --json output.</summary>
    public static string Iso(DateTimeOffset time) => Iso(time.UtcDateTime);

    private static DateTime ToUtc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Local => time.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(time, DateTimeKind.Utc),
        _ => time,
    };
}
