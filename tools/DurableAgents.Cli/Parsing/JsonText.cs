using System.Text.Json;

namespace DurableAgents.Cli.Parsing;

/// <summary>Reads the JSON given on the command line (<c>--input</c>, <c>--data</c>), inline or as <c>@file</c>.</summary>
internal static class JsonText
{
    /// <summary>Parses <paramref name="text"/>; returns false with a message saying what is wrong and how to fix it.</summary>
    public static bool TryParse(string optionName, string text, out JsonElement value, out string error)
    {
        value = default;
        string json = text;
        if (text.StartsWith('@') && text.Length > 1)
        {
            string path = text[1..];
            if (!File.Exists(path))
            {
                error = $"{optionName} {text}: the file '{path}' does not exist.";
                return false;
            }

            json = File.ReadAllText(path);
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(json);
            value = document.RootElement.Clone();
            error = string.Empty;
            return true;
        }
        catch (JsonException ex)
        {
            error = $"{optionName} is not valid JSON: {ex.Message} Give a JSON value and quote it for your shell, e.g. {optionName} '{{\"name\":\"ana\"}}' or {optionName} '\"text\"' (or {optionName} @file.json).";
            return false;
        }
    }
}
