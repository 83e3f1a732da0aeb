using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DurableAgents.StepFunctions.Equivalence.Tests.Equivalence;

/// <summary>
/// JSON text with object keys sorted at every level and no escaping beyond what JSON needs: two values that differ only
/// in key order read the same, any other difference (a value, a number's text, a missing key) does not.
/// </summary>
internal static class CanonicalJson
{
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(JsonNode? node) => Sorted(node)?.ToJsonString(Relaxed) ?? "null";

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject o => new JsonObject(o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray a => new JsonArray([.. a.Select(Sorted)]),
        _ => node?.DeepClone(),
    };
}
