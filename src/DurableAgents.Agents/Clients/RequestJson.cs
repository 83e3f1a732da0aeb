using System.Text.Json;
using Microsoft.Extensions.AI;

namespace DurableAgents.Agents;

/// <summary>
/// The pieces both request writers (Converse and chat completions) build the same way; only the property names
/// differ between the two wire formats.
/// </summary>
internal static class RequestJson
{
    /// <summary>Writes one JSON object whose properties <paramref name="writeProperties"/> writes, as UTF-8 bytes.</summary>
    public static byte[] WriteObject(Action<Utf8JsonWriter> writeProperties)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writeProperties(writer);
            writer.WriteEndObject();
        }

        return stream.ToArray();
    }

    /// <summary>Writes the options' output limit, temperature, top-p and stop sequences, under the format's names.</summary>
    public static void WriteSampling(
        Utf8JsonWriter writer, ChatOptions options, string maxTokensName, string topPName, string stopSequencesName)
    {
        if (options.MaxOutputTokens is { } maxTokens)
        {
            writer.WriteNumber(maxTokensName, maxTokens);
        }

        if (options.Temperature is { } temperature)
        {
            writer.WriteNumber("temperature", temperature);
        }

        if (options.TopP is { } topP)
        {
            writer.WriteNumber(topPName, topP);
        }

        if (options.StopSequences is { Count: > 0 } stops)
        {
            writer.WriteStartArray(stopSequencesName);
            foreach (string stop in stops)
            {
                writer.WriteStringValue(stop);
            }

            writer.WriteEndArray();
        }
    }

    /// <summary>The function tools the options offer the model (other tool kinds are not sent).</summary>
    public static List<AIFunctionDeclaration> Functions(ChatOptions? options) =>
        options?.Tools?.OfType<AIFunctionDeclaration>().ToList() ?? [];

    /// <summary>Writes a function's name and, when it has one, its description.</summary>
    public static void WriteNameAndDescription(Utf8JsonWriter writer, AIFunctionDeclaration function)
    {
        writer.WriteString("name", function.Name);
        if (!string.IsNullOrEmpty(function.Description))
        {
            writer.WriteString("description", function.Description);
        }
    }
}
