using System.Text.Json;
using DurableAgents.History;

namespace DurableAgents.Storage.DynamoDb.Items;

/// <summary>The JSON attributes (events, failure details, parent, tags, trace contexts) in the HistoryJson form, as the SQLite store writes them.</summary>
internal static class StoreJson
{
    public static string? Serialize<T>(T? value)
        where T : class => value is null ? null : JsonSerializer.Serialize(value, HistoryJson.Options);

    public static T? Deserialize<T>(string? json)
        where T : class => json is null ? null : JsonSerializer.Deserialize<T>(json, HistoryJson.Options);

    public static IReadOnlyDictionary<string, string>? DeserializeTags(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<Dictionary<string, string>>(json, HistoryJson.Options);
}
