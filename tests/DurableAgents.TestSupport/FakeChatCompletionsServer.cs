using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace DurableAgents.Agents.Tests.Fakes;

/// <summary>An OpenAI-compatible /v1/chat/completions endpoint on real Kestrel with scripted answers.</summary>
internal sealed class FakeChatCompletionsServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<ScriptedResponse> _script = new();
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private KestrelHost? _host;

    /// <summary>The API root to configure as BaseUrl (ends in /v1).</summary>
    public string BaseUrl => new Uri(_host!.Address, "/v1").ToString();

    public IReadOnlyList<ReceivedRequest> Requests => _requests.ToArray();

    public ScriptedResponse? Default { get; set; }

    public static async Task<FakeChatCompletionsServer> StartAsync()
    {
        var server = new FakeChatCompletionsServer();
        server._host = await KestrelHost.StartAsync(server.HandleAsync);
        return server;
    }

    public FakeChatCompletionsServer Enqueue(params ScriptedResponse[] responses)
    {
        foreach (ScriptedResponse response in responses)
        {
            _script.Enqueue(response);
        }

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

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer);
        string rawTarget = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        Dictionary<string, string> headers = context.Request.Headers.ToDictionary(
            h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);
        _requests.Enqueue(new ReceivedRequest(context.Request.Method, rawTarget, headers, buffer.ToArray(), false, null, []));

        ScriptedResponse response = rawTarget == "/v1/chat/completions" && context.Request.Method == "POST"
            ? _script.TryDequeue(out ScriptedResponse? scripted) ? scripted : Default ?? Answer("default answer")
            : Error(404, "not_found", $"No route {rawTarget}");
        context.Response.StatusCode = response.Status;
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(response.Body));
    }
}
