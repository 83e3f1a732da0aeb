using DurableAgents.TestSupport;
using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace DurableAgents.Host.Tests.Fakes;

/// <summary>
/// An Amazon Bedrock Runtime Converse endpoint on real Kestrel: <c>POST /model/{modelId}/converse</c> answers in the
/// Converse wire format. It tells the agents apart by the system prompt each request carries (the prompts configured
/// in appsettings.json), lets <see cref="Responder"/> choose the answer text and counts the calls per agent. The
/// signature is not verified here (the agent layer's tests do that); its credential scope is recorded. Answer bodies
/// are <see cref="FakeBedrockServer"/>'s, so both fakes speak the same Converse format.
/// </summary>
internal sealed class FakeConverseServer : IAsyncDisposable
{
    public const string AccessKey = "AKIDFAKEHOSTTEST";
    public const string SecretKey = "fake/Secret+Key/For/Host/Tests/0000000000";
    public const string Region = "us-east-1";

    private readonly ConcurrentQueue<ConverseCall> _calls = new();
    private readonly IReadOnlyDictionary<string, string> _agentBySystemPrompt;
    private KestrelHost? _host;

    private FakeConverseServer(IReadOnlyDictionary<string, string> agentBySystemPrompt)
    {
        _agentBySystemPrompt = agentBySystemPrompt;
    }

    public Uri Endpoint => _host!.Address;

    /// <summary>Chooses the answer text for a call of an agent (agent name, user prompt).</summary>
    public Func<string, string, string> Responder { get; set; } = (agent, _) => $"{agent} answered.";

    /// <summary>Awaited after a call is counted and before it is answered (e.g. to hold a call until the caller gives up).</summary>
    public Func<ConverseCall, CancellationToken, Task>? BeforeAnswer { get; set; }

    public IReadOnlyList<ConverseCall> Calls => _calls.ToArray();

    /// <summary>Calls so far, per agent.</summary>
    public IReadOnlyDictionary<string, int> CallsByAgent() =>
        Calls.GroupBy(c => c.Agent, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);

    /// <summary>Starts the endpoint; agents are recognised by the system prompts in <paramref name="configuration"/>'s Agents:Definitions.</summary>
    public static async Task<FakeConverseServer> StartAsync(IConfiguration configuration)
    {
        Dictionary<string, string> agents = configuration.GetSection("Agents:Definitions").GetChildren()
            .Where(d => !string.IsNullOrEmpty(d["SystemPrompt"]))
            .ToDictionary(d => d["SystemPrompt"]!, d => d.Key, StringComparer.Ordinal);
        var server = new FakeConverseServer(agents);
        server._host = await KestrelHost.StartAsync(server.HandleAsync);
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        string path = context.Request.Path.Value ?? string.Empty;
        const string prefix = "/model/";
        const string suffix = "/converse";
        context.Response.ContentType = "application/json";
        if (context.Request.Method != HttpMethods.Post || !path.StartsWith(prefix, StringComparison.Ordinal) || !path.EndsWith(suffix, StringComparison.Ordinal))
        {
            await WriteAsync(context, FakeBedrockServer.Error(StatusCodes.Status404NotFound, "UnknownOperationException", $"No operation at {path}."));
            return;
        }

        using JsonDocument request = await JsonDocument.ParseAsync(context.Request.Body);
        string agent = request.RootElement.TryGetProperty("system", out JsonElement system)
            ? system.EnumerateArray().Select(b => b.GetProperty("text").GetString() ?? string.Empty)
                .Select(text => _agentBySystemPrompt.GetValueOrDefault(text))
                .FirstOrDefault(name => name is not null) ?? "?"
            : "?";
        JsonElement messages = request.RootElement.GetProperty("messages");
        string user = messages[messages.GetArrayLength() - 1].GetProperty("content")[0].GetProperty("text").GetString() ?? string.Empty;
        var call = new ConverseCall(
            agent,
            Uri.UnescapeDataString(path[prefix.Length..^suffix.Length]),
            context.Request.Headers["x-correlation-id"].ToString(),
            context.Request.Headers.Authorization.ToString());
        _calls.Enqueue(call);
        if (BeforeAnswer is { } hold)
        {
            await hold(call, context.RequestAborted);
        }

        string text = Responder(agent, user);
        int inputTokens = (user.Length / 4) + 20;
        int outputTokens = (text.Length / 4) + 1;
        await WriteAsync(context, FakeBedrockServer.Answer(text, inputTokens, outputTokens));
    }

    private static async Task WriteAsync(HttpContext context, ScriptedResponse response)
    {
        context.Response.StatusCode = response.Status;
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        foreach ((string name, string value) in response.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(response.Body));
    }
}
