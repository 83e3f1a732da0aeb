using System.Text.Json;
using Microsoft.Extensions.AI;

namespace DurableAgents.Agents;

/// <summary>
/// Writes a Bedrock Converse request body from MEAI messages and options. System messages and
/// <see cref="ChatOptions.Instructions"/> become "system" blocks; tool messages become user messages with
/// toolResult blocks; consecutive messages of one role are merged because Converse requires the roles to alternate.
/// </summary>
internal static class ConverseRequestWriter
{
    public static byte[] Write(IEnumerable<ChatMessage> messages, ChatOptions? options)
    {
        List<ChatMessage> all = messages.ToList();
        return RequestJson.WriteObject(writer =>
        {
            WriteMessages(writer, all);
            WriteSystem(writer, all, options);
            WriteInferenceConfig(writer, options);
            WriteToolConfig(writer, options);
        });
    }

    private static void WriteMessages(Utf8JsonWriter writer, List<ChatMessage> messages)
    {
        writer.WriteStartArray("messages");
        string? openRole = null;
        foreach (ChatMessage message in messages.Where(m => m.Role != ChatRole.System))
        {
            string role = message.Role == ChatRole.Assistant ? "assistant" : "user";
            if (role != openRole)
            {
                if (openRole is not null)
                {
                    writer.WriteEndArray();
                    writer.WriteEndObject();
                }

                writer.WriteStartObject();
                writer.WriteString("role", role);
                writer.WriteStartArray("content");
                openRole = role;
            }

            foreach (AIContent content in message.Contents)
            {
                WriteContentBlock(writer, content);
            }
        }

        if (openRole is not null)
        {
            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteContentBlock(Utf8JsonWriter writer, AIContent content)
    {
        switch (content)
        {
            case TextContent text when !string.IsNullOrEmpty(text.Text):
                writer.WriteStartObject();
                writer.WriteString("text", text.Text);
                writer.WriteEndObject();
                break;
            case TextContent:
            case TextReasoningContent:
            case UsageContent:
                // Converse rejects empty text blocks; reasoning and usage are outputs, not inputs.
                break;
            case FunctionCallContent call:
                writer.WriteStartObject();
                writer.WriteStartObject("toolUse");
                writer.WriteString("toolUseId", call.CallId);
                writer.WriteString("name", call.Name);
                writer.WritePropertyName("input");
                JsonContent.ToElement(call.Arguments ?? new Dictionary<string, object?>()).WriteTo(writer);
                writer.WriteEndObject();
                writer.WriteEndObject();
                break;
            case FunctionResultContent result:
                WriteToolResult(writer, result);
                break;
            default:
                throw new NotSupportedException(
                    $"BedrockChatClient sends text, function call and function result content; "
                    + $"{content.GetType().Name} is not supported. Convert it to text before calling the model.");
        }
    }

    private static void WriteToolResult(Utf8JsonWriter writer, FunctionResultContent result)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("toolResult");
        writer.WriteString("toolUseId", result.CallId);
        writer.WriteStartArray("content");
        writer.WriteStartObject();
        JsonElement element = result.Result is string ? default : JsonContent.ToElement(result.Result);
        if (element.ValueKind == JsonValueKind.Object)
        {
            writer.WritePropertyName("json");
            element.WriteTo(writer);
        }
        else
        {
            writer.WriteString("text", JsonContent.ToText(result.Result));
        }

        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteString("status", result.Exception is null ? "success" : "error");
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void WriteSystem(Utf8JsonWriter writer, List<ChatMessage> messages, ChatOptions? options)
    {
        List<string> system = [];
        if (!string.IsNullOrEmpty(options?.Instructions))
        {
            system.Add(options.Instructions);
        }

        system.AddRange(messages.Where(m => m.Role == ChatRole.System && !string.IsNullOrEmpty(m.Text)).Select(m => m.Text));
        if (system.Count == 0)
        {
            return;
        }

        writer.WriteStartArray("system");
        foreach (string text in system)
        {
            writer.WriteStartObject();
            writer.WriteString("text", text);
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteInferenceConfig(Utf8JsonWriter writer, ChatOptions? options)
    {
        if (options is null
            || (options.MaxOutputTokens is null && options.Temperature is null && options.TopP is null
                && options.StopSequences is not { Count: > 0 }))
        {
            return;
        }

        writer.WriteStartObject("inferenceConfig");
        RequestJson.WriteSampling(writer, options, "maxTokens", "topP", "stopSequences");
        writer.WriteEndObject();
    }

    private static void WriteToolConfig(Utf8JsonWriter writer, ChatOptions? options)
    {
        List<AIFunctionDeclaration> functions = RequestJson.Functions(options);
        if (functions.Count == 0)
        {
            return;
        }

        writer.WriteStartObject("toolConfig");
        writer.WriteStartArray("tools");
        foreach (AIFunctionDeclaration function in functions)
        {
            writer.WriteStartObject();
            writer.WriteStartObject("toolSpec");
            RequestJson.WriteNameAndDescription(writer, function);

            writer.WriteStartObject("inputSchema");
            writer.WritePropertyName("json");
            function.JsonSchema.WriteTo(writer);
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();

        // Converse has no "none" choice: with ChatToolMode.None the tools are still described (the conversation
        // may already hold tool blocks, which requires toolConfig) but no choice is forced.
        switch (options!.ToolMode)
        {
            case RequiredChatToolMode { RequiredFunctionName: { } name }:
                writer.WriteStartObject("toolChoice");
                writer.WriteStartObject("tool");
                writer.WriteString("name", name);
                writer.WriteEndObject();
                writer.WriteEndObject();
                break;
            case RequiredChatToolMode:
                writer.WriteStartObject("toolChoice");
                writer.WriteStartObject("any");
                writer.WriteEndObject();
                writer.WriteEndObject();
                break;
            case AutoChatToolMode:
                writer.WriteStartObject("toolChoice");
                writer.WriteStartObject("auto");
                writer.WriteEndObject();
                writer.WriteEndObject();
                break;
            default:
                break;
        }

        writer.WriteEndObject();
    }
}
