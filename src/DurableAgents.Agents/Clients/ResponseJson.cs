using System.Text.Json;
using Microsoft.Extensions.AI;

namespace DurableAgents.Agents;

/// <summary>The pieces both response readers (Converse and chat completions) read the same way under different names.</summary>
internal static class ResponseJson
{
    /// <summary>
    /// Reads the root's "usage" object with the format's counter names; null when absent. The total is derived from
    /// input and output when the service leaves it out.
    /// </summary>
    public static UsageDetails? ReadUsage(
        JsonElement root, string inputName, string outputName, string totalName, string? cachedInputName = null)
    {
        if (!root.TryGetProperty("usage", out JsonElement usage) || usage.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var details = new UsageDetails
        {
            InputTokenCount = ReadLong(usage, inputName),
            OutputTokenCount = ReadLong(usage, outputName),
            TotalTokenCount = ReadLong(usage, totalName),
            CachedInputTokenCount = cachedInputName is null ? null : ReadLong(usage, cachedInputName),
        };
        details.TotalTokenCount ??= details.InputTokenCount + details.OutputTokenCount;
        return details;
    }

    /// <summary>An integer property, or null when it is missing or not an integer.</summary>
    public static long? ReadLong(JsonElement element, string name) =>
        element.TryGetProperty(name, out JsonElement value) && value.TryGetInt64(out long number) ? number : null;
}
