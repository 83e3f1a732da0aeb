using System.Text.Json;
using Microsoft.Extensions.AI;

namespace DurableAgents.Agents;

/// <summary>Writes an OpenAI /v1/chat/completions request body from MEAI messages and options.</summary>
internal static class ChatCompletionsRequestWriter
{
    public static byte[] Write(IEnumerable<ChatMessage> messages, ChatOptions? options, string modelId)
    {
        return RequestJson.WriteObject(writer =>
        {
            writer.WriteString("model", modelId);
            writer.WriteStartArray("messages");
            if (!string.IsNullOrEmpty(options?.Instructions))
            {
                WriteTextMessage(writer, "system", options.Instructions);
            }

            foreach (ChatMessage message in messages)
            {
                WriteMessage(writer, message);
            }

            writer.WriteEndArray();
            WriteSettings(writer, options);
            WriteTools(writer, options);
        });
    }

    private static void WriteMessage(Utf8JsonWriter writer, ChatMessage message)
    {
        // Each tool result is its own "tool" message in this API.
        foreach (FunctionResultContent result in message.Contents.OfType<FunctionResultContent>())
        {
            writer.WriteStartObject();
            writer.WriteString("role", "tool");
            writer.WriteString("tool_call_id", result.CallId);
            writer.WriteString("content", JsonContent.ToText(result.Result));
            writer.WriteEndObject();
        }

        List<FunctionCallContent> calls = message.Contents.OfType<FunctionCallContent>().ToList();
        string text = string.Concat(message.Contents.OfType<TextContent>().Select(t => t.Text));
        if (calls.Count == 0 && text.Length == 0)
        {
            return;
        }

        string role = message.Role == ChatRole.Tool ? "user" : message.Role.Value;
        writer.WriteStartObject();
        writer.WriteString("role", role);
        if (text.Length > 0)
        {
            writer.WriteString("content", text);
        }
        else
        {
            writer.WriteNull("content");
        }

        if (calls.Count > 0)
        {
            writer.WriteStartArray("tool_calls");
            foreach (FunctionCallContent call in calls)
            {
                writer.WriteStartObject();
                writer.WriteString("id", call.CallId);
                writer.WriteString("type", "function");
                writer.WriteStartObject("function");
                writer.WriteString("name", call.Name);
                writer.WriteString("arguments", JsonContent.Serialize(call.Arguments));
                writer.WriteEndObject();
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteTextMessage(Utf8JsonWriter writer, string role, string text)
    {
        writer.WriteStartObject();
        writer.WriteString("role", role);
        writer.WriteString("content", text);
        writer.WriteEndObject();
    }

    private static void WriteSettings(Utf8JsonWriter writer, ChatOptions? options)
    {
        if (options is null)
        {
            return;
        }

        RequestJson.WriteSampling(writer, options, "max_tokens", "top_p", "stop");
        if (options.Seed is { } seed)
        {
            writer.WriteNumber("seed", seed);
        }

        if (options.ResponseFormat is ChatResponseFormatJson)
        {
            writer.WriteStartObject("response_format");
            writer.WriteString("type", "json_object");
            writer.WriteEndObject();
        }
    }

    private static void WriteTools(Utf8JsonWriter writer, ChatOptions? options)
    {
        List<AIFunctionDeclaration> functions = RequestJson.Functions(options);
        if (functions.Count == 0)
        {
            return;
        }

        writer.WriteStartArray("tools");
        foreach (AIFunctionDeclaration function in functions)
        {
            writer.WriteStartObject();
            writer.WriteString("type", "function");
            writer.WriteStartObject("function");
            RequestJson.WriteNameAndDescription(writer, function);

            writer.WritePropertyName("parameters");
            function.JsonSchema.WriteTo(writer);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        switch (options!.ToolMode)
        {
            case NoneChatToolMode:
                writer.WriteString("tool_choice", "none");
                break;
            case RequiredChatToolMode { RequiredFunctionName: { } name }:
                writer.WriteStartObject("tool_choice");
                writer.WriteString("type", "function");
                writer.WriteStartObject("function");
                writer.WriteString("name", name);
                writer.WriteEndObject();
                writer.WriteEndObject();
                break;
            case RequiredChatToolMode:
                writer.WriteString("tool_choice", "required");
                break;
            case AutoChatToolMode:
                writer.WriteString("tool_choice", "auto");
                break;
            default:
                break;
        }
    }
}
