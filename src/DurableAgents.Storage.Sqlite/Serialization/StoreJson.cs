using System.Text.Json;
using DurableAgents.History;

namespace DurableAgents.Storage.Sqlite.Serialization;

/// <summary>Reads and writes the JSON columns (events, failure details, parent, tags).</summary>
internal static class StoreJson
{
    private static readonly StoreJsonContext Context = StoreJsonContext.Default;

    public static string SerializeEvent(HistoryEvent historyEvent) =>
        JsonSerializer.Serialize(historyEvent, Context.HistoryEvent);

    public static HistoryEvent DeserializeEvent(string json) =>
        JsonSerializer.Deserialize(json, Context.HistoryEvent)
        ?? throw new JsonException("A stored history event was null.");

    public static string? SerializeFailure(TaskFailureDetails? failure) =>
        failure is null ? null : JsonSerializer.Serialize(failure, Context.TaskFailureDetails);

    public static TaskFailureDetails? DeserializeFailure(string? json) =>
        json is null ? null : JsonSerializer.Deserialize(json, Context.TaskFailureDetails);

    public static string? SerializeParent(ParentInstanceInfo? parent) =>
        parent is null ? null : JsonSerializer.Serialize(parent, Context.ParentInstanceInfo);

    public static ParentInstanceInfo? DeserializeParent(string? json) =>
        json is null ? null : JsonSerializer.Deserialize(json, Context.ParentInstanceInfo);

    public static string? SerializeTags(IReadOnlyDictionary<string, string>? tags) =>
        tags is null ? null : JsonSerializer.Serialize(tags, Context.IReadOnlyDictionaryStringString);

    public static IReadOnlyDictionary<string, string>? DeserializeTags(string? json) =>
        json is null ? null : JsonSerializer.Deserialize(json, Context.DictionaryStringString);
}
