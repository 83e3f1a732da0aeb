using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DurableAgents.StepFunctions.DataFlow;

/// <summary>
/// JSON text as Step Functions writes it for States.JsonToString (and so for an Agent state's context): compact, with
/// only what JSON requires escaped (quote, backslash, control characters). System.Text.Json's default encoder also
/// escapes <c>'</c>, <c>"</c>, <c>&lt;</c>, <c>&amp;</c>, <c>+</c> and every non-ASCII character as <c>\uXXXX</c>: valid
/// JSON, but not the same text, so an agent would read a different prompt than in Step Functions.
/// </summary>
public static class JsonText
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The compact JSON text of <paramref name="node"/> (<c>null</c> for null).</summary>
    public static string Write(JsonNode? node) => node?.ToJsonString(Options) ?? "null";
}
