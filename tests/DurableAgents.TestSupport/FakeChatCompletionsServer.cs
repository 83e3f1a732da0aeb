using System.Text.Json;

namespace DurableAgents.TestSupport;

/// <summary>An OpenAI-compatible /v1/chat/completions endpoint on real Kestrel with scripted answers.</summary>
public sealed class FakeChatCompletionsServer : ScriptedHttpServer
{
    private FakeChatCompletionsServer()
    {
    }

    /// <summary>The API root to configure as BaseUrl (ends in /v1).</summary>
    public string BaseUrl => new Uri(Address, "/v1").ToString();

    /// <inheritdoc/>
    protected override ScriptedResponse Fallback => Answer("default answer");

    /// <summary>Starts a server on a loopback port chosen by the OS.</summary>
    public static async Task<FakeChatCompletionsServer> StartAsync()
    {
        var server = new FakeChatCompletionsServer();
        await server.StartHostAsync().ConfigureAwait(false);
        return server;
    }

    /// <summary>Adds answers that chat-completion requests receive in order.</summary>
    public FakeChatCompletionsServer Enqueue(params ScriptedResponse[] responses)
    {
        EnqueueResponses(responses);
        return this;
    }

    public static ScriptedResponse Answer(string content, int promptTokens = 9, int completionTokens = 4, string finishReason = "stop") =>
        new(200, JsonSerializer.Serialize(new
        {
            id = "chatcmpl-test",
            @object = "chat.completion",
            model = "served-model",
            choices = new[] { new { index = 0, message = new { role = "assistant", content }, finish_reason = finishReason } },
            usage = new { prompt_tokens = promptTokens, completion_tokens = completionTokens, total_tokens = promptTokens + completionTokens },
        }));

    public static ScriptedResponse ToolCall(string id, string name, string argumentsJson) =>
        new(200, JsonSerializer.Serialize(new
        {
            id = "chatcmpl-tool",
            @object = "chat.completion",
            model = "served-model",
            choices = new[]
            {
                new
                {
                    index = 0,
                    message = new
                    {
                        role = "assistant",
                        content = (string?)null,
                        tool_calls = new[] { new { id, type = "function", function = new { name, arguments = argumentsJson } } },
                    },
                    finish_reason = "tool_calls",
                },
            },
            usage = new { prompt_tokens = 20, completion_tokens = 8, total_tokens = 28 },
        }));

    public static ScriptedResponse Error(int status, string type, string message) =>
        new(status, JsonSerializer.Serialize(new { error = new { message, type, code = type } }));

    /// <inheritdoc/>
    protected override ScriptedResponse? Refuse(ReceivedRequest request) =>
        request.RawTarget == "/v1/chat/completions" && request.Method == "POST"
            ? null
            : Error(404, "not_found", $"No route {request.RawTarget}");
}
