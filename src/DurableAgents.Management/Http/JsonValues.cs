using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DurableAgents.Management.Http;

/// <summary>Turns stored JSON text into JSON values for responses, and times into the API's ISO 8601 forms.</summary>
internal static class JsonValues
{
    /// <summary>The stored text as a JSON value; text that is not JSON (e.g. a plain terminate reason) becomes a JSON string.</summary>
    public static JsonNode? Parse(string? serialized)
    {
        if (serialized is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(serialized);
        }
        catch (JsonException)
        {
            return JsonValue.Create(serialized);
        }
    }

    /// <summary>Whole seconds with a Z, as Durable Functions writes createdTime and lastUpdatedTime.</summary>
    public static string Seconds(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>Full precision round-trip form with a Z.</summary>
    public static string Precise(DateTime time) =>
        DateTime.SpecifyKind(time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : time, DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture);
}
