using System.Text.Json;
using Microsoft.Extensions.AI;

namespace DurableAgents.Agents;

/// <summary>Reads a Bedrock Converse response body into a <see cref="ChatResponse"/>.</summary>
internal static class ConverseResponseReader
{
    public static ChatResponse Read(JsonElement root, string modelId)
    {
        var contents = new List<AIContent>();
        if (root.TryGetProperty("output", out JsonElement output)
            && output.TryGetProperty("message", out JsonElement message)
            && message.TryGetProperty("content", out JsonElement blocks)
            && blocks.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement block in blocks.EnumerateArray())
            {
                AIContent? content = ReadBlock(block);
                if (content is not null)
                {
                    contents.Add(content);
                }
            }
        }

        var response = new ChatResponse(new ChatMessage(ChatRole.Assistant, contents))
        {
            ModelId = modelId,
            FinishReason = root.TryGetProperty("stopReason", out JsonElement stop) ? MapStopReason(stop.GetString()) : null,
            Usage = ResponseJson.ReadUsage(root, "inputTokens", "outputTokens", "totalTokens", "cacheReadInputTokens"),
            RawRepresentation = root.Clone(),
        };
        return response;
    }

    internal static ChatFinishReason? MapStopReason(string? stopReason) => stopReason switch
    {
        null => null,
        "end_turn" or "stop_sequence" => ChatFinishReason.Stop,
        "max_tokens" or "model_context_window_exceeded" => ChatFinishReason.Length,
        "tool_use" => ChatFinishReason.ToolCalls,
        "guardrail_intervened" or "content_filtered" => ChatFinishReason.ContentFilter,
        _ => new ChatFinishReason(stopReason),
    };

    private static AIContent? ReadBlock(JsonElement block)
    {
        if (block.TryGetProperty("text", out JsonElement text))
        {
            return new TextContent(text.GetString());
        }

        if (block.TryGetProperty("toolUse", out JsonElement toolUse))
        {
            string callId = toolUse.GetProperty("toolUseId").GetString() ?? string.Empty;
            string name = toolUse.GetProperty("name").GetString() ?? string.Empty;
            Dictionary<string, object?> arguments = toolUse.TryGetProperty("input", out JsonElement input)
                ? JsonContent.ParseArguments(input)
                : [];
            return new FunctionCallContent(callId, name, arguments) { RawRepresentation = toolUse.Clone() };
        }

        if (block.TryGetProperty("reasoningContent", out JsonElement reasoning)
            && reasoning.TryGetProperty("reasoningText", out JsonElement reasoningText)
            && reasoningText.TryGetProperty("text", out JsonElement reasoningValue))
        {
            return new TextReasoningContent(reasoningValue.GetString());
        }

        // Other block kinds (images, citations, ...) are kept raw rather than dropped silently.
        return new AIContent { RawRepresentation = block.Clone() };
    }
}
