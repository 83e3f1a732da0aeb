using System.Text.Json;
using Microsoft.Extensions.AI;

namespace DurableAgents.Agents;

/// <summary>Converts MEAI content values (function arguments and results) to and from JSON.</summary>
internal static class JsonContent
{
    public static string Serialize(IDictionary<string, object?>? arguments) =>
        arguments is null ? "{}" : JsonSerializer.Serialize(arguments, AIJsonUtilities.DefaultOptions);

    public static JsonElement ToElement(object? value) => value switch
    {
        null => JsonSerializer.SerializeToElement<object?>(null, AIJsonUtilities.DefaultOptions),
        JsonElement element => element,
        JsonDocument document => document.RootElement,
        _ => JsonSerializer.SerializeToElement(value, value.GetType(), AIJsonUtilities.DefaultOptions),
    };

    /// <summary>A tool result as text: strings stay as they are, anything else becomes JSON.</summary>
    public static string ToText(object? value) => value switch
    {
        null => string.Empty,
        string text => text,
        JsonElement { ValueKind: JsonValueKind.String } element => element.GetString() ?? string.Empty,
        _ => ToElement(value).GetRawText(),
    };

    /// <summary>Parses function arguments from a JSON object; anything else yields an empty dictionary.</summary>
    public static Dictionary<string, object?> ParseArguments(JsonElement input)
    {
        var arguments = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (input.ValueKind == JsonValueKind.Object)
        {
            foreach (JsonProperty property in input.EnumerateObject())
            {
                arguments[property.Name] = property.Value.Clone();
            }
        }

        return arguments;
    }

    /// <summary>Parses function arguments given as JSON text (OpenAI sends them as a string).</summary>
    public static Dictionary<string, object?> ParseArguments(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return new Dictionary<string, object?>(StringComparer.Ordinal);
        }

        using JsonDocument document = JsonDocument.Parse(json);
        return ParseArguments(document.RootElement);
    }
}
