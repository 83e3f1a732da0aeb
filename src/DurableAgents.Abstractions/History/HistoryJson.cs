using System.Text.Json;
using System.Text.Json.Serialization;

namespace DurableAgents.History;

/// <summary>
/// The JSON form of history used for stored histories and golden files: one object per event with a
/// "$type" discriminator, camelCase members, nulls omitted.
/// </summary>
public static class HistoryJson
{
    /// <summary>Serializer options for history events; shared and thread-safe.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    /// <summary>Serializes one event.</summary>
    public static string Serialize(HistoryEvent historyEvent) => JsonSerializer.Serialize(historyEvent, Options);

    /// <summary>Deserializes one event.</summary>
    public static HistoryEvent Deserialize(string json) =>
        JsonSerializer.Deserialize<HistoryEvent>(json, Options)
        ?? throw new JsonException("A history event was null.");

    /// <summary>Serializes a whole history as an indented JSON array.</summary>
    public static string SerializeHistory(IEnumerable<HistoryEvent> history) =>
        JsonSerializer.Serialize(history.ToList(), IndentedOptions);

    /// <summary>Deserializes a history array.</summary>
    public static IReadOnlyList<HistoryEvent> DeserializeHistory(string json) =>
        JsonSerializer.Deserialize<List<HistoryEvent>>(json, Options)
        ?? throw new JsonException("A history array was null.");

    private static readonly JsonSerializerOptions IndentedOptions = new(CreateOptions()) { WriteIndented = true };

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
