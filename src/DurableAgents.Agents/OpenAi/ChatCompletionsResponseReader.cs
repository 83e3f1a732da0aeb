using System.Text.Json;
using Microsoft.Extensions.AI;

namespace DurableAgents.Agents;

/// <summary>Reads an OpenAI chat.completion response body into a <see cref="ChatResponse"/>.</summary>
internal static class ChatCompletionsResponseReader
{
    public static ChatResponse Read(JsonElement root, string requestedModelId)
    {
        var contents = new List<AIContent>();
        ChatFinishReason? finishReason = null;
        if (root.TryGetProperty("choices", out JsonElement choices)
            && choices.ValueKind == JsonValueKind.Array
            && choices.GetArrayLength() > 0)
        {
            JsonElement choice = choices[0];
            if (choice.TryGetProperty("finish_reason", out JsonElement finish) && finish.ValueKind == JsonValueKind.String)
            {
                finishReason = MapFinishReason(finish.GetString());
            }

            if (choice.TryGetProperty("message", out JsonElement message))
            {
                ReadMessage(message, contents);
            }
        }

        return new ChatResponse(new ChatMessage(ChatRole.Assistant, contents))
        {
            ResponseId = root.TryGetProperty("id", out JsonElement id) ? id.GetString() : null,
            ModelId = root.TryGetProperty("model", out JsonElement model) ? model.GetString() : requestedModelId,
            FinishReason = finishReason,
            Usage = ResponseJson.ReadUsage(root, "prompt_tokens", "completion_tokens", "total_tokens"),
            RawRepresentation = root.Clone(),
        };
    }

    internal static ChatFinishReason? MapFinishReason(string? reason) => reason switch
    {
        null => null,
        "stop" => ChatFinishReason.Stop,
        "length" => ChatFinishReason.Length,
        "tool_calls" or "function_call" => ChatFinishReason.ToolCalls,
        "content_filter" => ChatFinishReason.ContentFilter,
        _ => new ChatFinishReason(reason),
    };

    private static void ReadMessage(JsonElement message, List<AIContent> contents)
    {
        if (message.TryGetProperty("content", out JsonElement content) && content.ValueKind == JsonValueKind.String)
        {
            contents.Add(new TextContent(content.GetString()));
        }

        if (message.TryGetProperty("tool_calls", out JsonElement calls) && calls.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement call in calls.EnumerateArray())
            {
                JsonElement function = call.GetProperty("function");
                string? arguments = function.TryGetProperty("arguments", out JsonElement args) ? args.GetString() : null;
                contents.Add(new FunctionCallContent(
                    call.TryGetProperty("id", out JsonElement callId) ? callId.GetString() ?? string.Empty : string.Empty,
                    function.GetProperty("name").GetString() ?? string.Empty,
                    JsonContent.ParseArguments(arguments)));
            }
        }
    }
}
