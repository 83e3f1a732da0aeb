using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace DurableAgents.TestSupport;

/// <summary>
/// A Bedrock Runtime Converse endpoint on real Kestrel. Every request's SigV4 signature is checked with
/// <see cref="SigV4Verifier"/> against the test credentials; a bad one gets 403 InvalidSignatureException as
/// AWS answers. Valid requests get the responder's answer, else the next scripted answer, else a default text answer.
/// </summary>
public sealed class FakeBedrockServer : ScriptedHttpServer
{
    /// <summary>The access key id the server accepts.</summary>
    public const string AccessKey = "AKIDFAKEBEDROCKTEST";

    /// <summary>The secret key that belongs to <see cref="AccessKey"/>.</summary>
    public const string SecretKey = "fake/Secret+Key/For/Tests/Only0000000000";

    /// <summary>The region clients should sign for.</summary>
    public const string Region = "us-east-1";

    private FakeBedrockServer()
    {
    }

    /// <summary>The endpoint to configure as Agents:Bedrock:Endpoint.</summary>
    public Uri Endpoint => Address;

    /// <inheritdoc/>
    protected override ScriptedResponse Fallback => Answer("default answer");

    /// <summary>Starts a server on a loopback port chosen by the OS.</summary>
    public static async Task<FakeBedrockServer> StartAsync()
    {
        var server = new FakeBedrockServer();
        await server.StartHostAsync().ConfigureAwait(false);
        return server;
    }

    /// <summary>Adds answers that valid Converse requests receive in order.</summary>
    public FakeBedrockServer Enqueue(params ScriptedResponse[] responses)
    {
        EnqueueResponses(responses);
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

    /// <inheritdoc/>
    protected override ReceivedRequest Receive(string method, string rawTarget, Dictionary<string, string> headers, byte[] body)
    {
        SigV4Verifier.Outcome outcome = SigV4Verifier.Verify(
            method,
            rawTarget,
            name => headers.TryGetValue(name, out string? value) ? value : null,
            body,
            "bedrock",
            key => key == AccessKey ? SecretKey : null);
        string? error = outcome.IsValid ? CheckClock(headers) : outcome.Error;
        return new ReceivedRequest(method, rawTarget, headers, body, error is null, error, outcome.SignedHeaders ?? []);
    }

    /// <inheritdoc/>
    protected override ScriptedResponse? Refuse(ReceivedRequest request)
    {
        if (!request.SignatureValid)
        {
            return Error(403, "InvalidSignatureException", request.SignatureError!);
        }

        return request.Method != "POST" || !request.RawTarget.EndsWith("/converse", StringComparison.Ordinal)
            ? Error(404, "UnknownOperationException", $"No operation at {request.RawTarget}.")
            : null;
    }

    /// <inheritdoc/>
    protected override void AddResponseHeaders(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
    }

    /// <summary>AWS refuses signatures more than 15 minutes away from its clock.</summary>
    private static string? CheckClock(Dictionary<string, string> headers)
    {
        DateTime signedAt = DateTime.ParseExact(
            headers["x-amz-date"], "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        return Math.Abs((DateTime.UtcNow - signedAt).TotalMinutes) > 15 ? "Signature expired: X-Amz-Date is more than 15 minutes from the server's clock." : null;
    }
}
