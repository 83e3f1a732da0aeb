using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace DurableAgents.StepFunctions.DataFlow;

/// <summary>
/// JSON text as Step Functions writes it for States.JsonToString (and so for an Agent state's context): compact, with
/// strings escaped exactly as JavaScript's <c>JSON.stringify</c> does. Every System.Text.Json encoder, even the
/// relaxed one, also escapes characters such as emoji (as surrogate pairs), U+2028/U+2029 and format characters:
/// valid JSON, but not the same text, so an agent would read a different prompt than in Step Functions.
/// </summary>
public static class JsonText
{
    /// <summary>The compact JSON text of <paramref name="node"/> (<c>null</c> for null).</summary>
    public static string Write(JsonNode? node)
    {
        var text = new StringBuilder();
        Append(text, node);
        return text.ToString();
    }

    private static void Append(StringBuilder text, JsonNode? node)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject obj:
                text.Append('{');
                var firstProperty = true;
                foreach (var (name, value) in obj)
                {
                    if (!firstProperty) text.Append(',');
                    firstProperty = false;
                    AppendString(text, name);
                    text.Append(':');
                    Append(text, value);
                }
                text.Append('}');
                break;
            case JsonArray array:
                text.Append('[');
                for (var i = 0; i < array.Count; i++)
                {
                    if (i > 0) text.Append(',');
                    Append(text, array[i]);
                }
                text.Append(']');
                break;
            default:
                if (node.GetValueKind() == JsonValueKind.String) AppendString(text, node.GetValue<string>());
                else text.Append(node.ToJsonString()); // numbers, true, false, null: no characters to escape
                break;
        }
    }

    /// <summary>
    /// JSON.stringify's QuoteJSONString (ECMA-262): <c>"</c> and <c>\</c> with a backslash; backspace, tab, line feed,
    /// form feed and carriage return by their short escapes; other characters below U+0020 and lone surrogates as
    /// lowercase <c>\uXXXX</c>; everything else, emoji and U+2028/U+2029 included, as it is.
    /// </summary>
    private static void AppendString(StringBuilder text, string value)
    {
        text.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\b': text.Append("\\b"); break;
                case '\t': text.Append("\\t"); break;
                case '\n': text.Append("\\n"); break;
                case '\f': text.Append("\\f"); break;
                case '\r': text.Append("\\r"); break;
                default:
                    if (c < ' ') AppendUnicodeEscape(text, c);
                    else if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
                    {
                        text.Append(c).Append(value[i + 1]);
                        i++;
                    }
                    else if (char.IsSurrogate(c)) AppendUnicodeEscape(text, c);
                    else text.Append(c);
                    break;
            }
        }
        text.Append('"');
    }

    private static void AppendUnicodeEscape(StringBuilder text, char c) =>
        text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
}
