using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace DurableAgents.Agents.Tests.Fakes;

/// <summary>
/// A Bedrock Runtime Converse endpoint on real Kestrel. Every request's SigV4 signature is checked with
/// <see cref="SigV4Verifier"/> against the test credentials; a bad one gets 403 InvalidSignatureException as
/// AWS answers. Valid requests get the next scripted answer, or a default text answer.
/// </summary>
internal sealed class FakeBedrockServer : IAsyncDisposable
{
    public const string AccessKey = "AKIDFAKEBEDROCKTEST";
    public const string SecretKey = "fake/Secret+Key/For/Tests/Only0000000000";
    public const string Region = "us-east-1";

    private readonly ConcurrentQueue<ScriptedResponse> _script = new();
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private KestrelHost? _host;

    public Uri Endpoint => _host!.Address;

    public IReadOnlyList<ReceivedRequest> Requests => _requests.ToArray();

    /// <summary>Called with each request before it is answered (e.g. to cancel the caller mid-flight).</summary>
    public Action<ReceivedRequest>? OnRequest { get; set; }

    /// <summary>Answer used when the script is empty; null answers a fixed text.</summary>
    public ScriptedResponse? Default { get; set; }

    public static async Task<FakeBedrockServer> StartAsync()
    {
        var server = new FakeBedrockServer();
        server._host = await KestrelHost.StartAsync(server.HandleAsync);
        return server;
    }

    public FakeBedrockServer Enqueue(params ScriptedResponse[] responses)
    {
        foreach (ScriptedResponse response in responses)
        {
            _script.Enqueue(response);
        }

        return this;
    }

    public static ScriptedResponse Answer(string text, int inputTokens = 11, int outputTokens = 7, string stopReason = "end_turn") =>
        new(200, JsonSerializer.Serialize(new
        {
            output = new { message = new { role = "assistant", content = new object[] { new { text } } } },
            stopReason,
            usage = new { inputTokens, outputTokens, totalTokens = inputTokens + outputTokens },
            metrics = new { latencyMs = 42 },
        }));

    public static ScriptedResponse ToolUse(string toolUseId, string name, object input, string? preamble = null) =>
        new(200, JsonSerializer.Serialize(new
        {
            output = new
            {
                message = new
                {
                    role = "assistant",
                    content = preamble is null
                        ? new object[] { new { toolUse = new { toolUseId, name, input } } }
                        : new object[] { new { text = preamble }, new { toolUse = new { toolUseId, name, input } } },
                },
            },
            stopReason = "tool_use",
            usage = new { inputTokens = 30, outputTokens = 12, totalTokens = 42 },
            metrics = new { latencyMs = 42 },
        }));

    public static ScriptedResponse Error(int status, string errorType, string message) =>
        new(status, JsonSerializer.Serialize(new { message }), new Dictionary<string, string>
        {
            ["x-amzn-ErrorType"] = $"{errorType}:http://internal.amazon.com/coral/com.amazon.bedrock/",
        });

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
        byte[] body = buffer.ToArray();

        // RawTarget is the path exactly as sent; Request.Path would already be decoded.
        string rawTarget = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        Dictionary<string, string> headers = context.Request.Headers.ToDictionary(
            h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);
        SigV4Verifier.Outcome outcome = SigV4Verifier.Verify(
            context.Request.Method,
            rawTarget,
            name => headers.TryGetValue(name, out string? value) ? value : null,
            body,
            "bedrock",
            key => key == AccessKey ? SecretKey : null);
        string? error = outcome.IsValid ? CheckClock(headers) : outcome.Error;
        var request = new ReceivedRequest(context.Request.Method, rawTarget, headers, body, error is null, error, outcome.SignedHeaders ?? []);
        _requests.Enqueue(request);
        OnRequest?.Invoke(request);

        ScriptedResponse response;
        if (error is not null)
        {
            response = Error(403, "InvalidSignatureException", error);
        }
        else if (context.Request.Method != "POST" || !rawTarget.EndsWith("/converse", StringComparison.Ordinal))
        {
            response = Error(404, "UnknownOperationException", $"No operation at {rawTarget}.");
        }
        else
        {
            response = _script.TryDequeue(out ScriptedResponse? scripted) ? scripted : Default ?? Answer("default answer");
        }

        context.Response.StatusCode = response.Status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        foreach ((string name, string value) in response.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(response.Body));
    }

    /// <summary>AWS refuses signatures more than 15 minutes away from its clock.</summary>
    private static string? CheckClock(Dictionary<string, string> headers)
    {
        DateTime signedAt = DateTime.ParseExact(
            headers["x-amz-date"], "yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
        return Math.Abs((DateTime.UtcNow - signedAt).TotalMinutes) > 15 ? "Signature expired: X-Amz-Date is more than 15 minutes from the server's clock." : null;
    }
}
