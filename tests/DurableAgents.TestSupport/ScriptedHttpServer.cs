using System.Collections.Concurrent;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace DurableAgents.TestSupport;

/// <summary>
/// A fake HTTP API on real Kestrel that records every request and answers, in order: the provider's own refusal
/// (bad signature, unknown route), else <see cref="Responder"/>'s answer, else the next scripted answer, else
/// <see cref="Default"/>, else the provider's fallback answer.
/// </summary>
public abstract class ScriptedHttpServer : IAsyncDisposable
{
    private readonly ConcurrentQueue<ScriptedResponse> _script = new();
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();
    private KestrelHost? _host;

    /// <summary>Every request received so far, oldest first.</summary>
    public IReadOnlyList<ReceivedRequest> Requests => _requests.ToArray();

    /// <summary>Called with each request before it is answered (e.g. to cancel the caller mid-flight).</summary>
    public Action<ReceivedRequest>? OnRequest { get; set; }

    /// <summary>Chooses the answer from the request (e.g. by its system prompt); null falls through to the script.</summary>
    public Func<ReceivedRequest, ScriptedResponse?>? Responder { get; set; }

    /// <summary>Answer used when the script is empty; null answers the provider's fallback text.</summary>
    public ScriptedResponse? Default { get; set; }

    /// <summary>The root address (http://127.0.0.1:port/) the server listens on.</summary>
    protected Uri Address => _host?.Address ?? throw new InvalidOperationException("The server is not started; create it with StartAsync.");

    /// <summary>The answer when neither responder, script nor <see cref="Default"/> gives one.</summary>
    protected abstract ScriptedResponse Fallback { get; }

    /// <summary>Adds answers that valid requests receive in order.</summary>
    public void EnqueueResponses(IEnumerable<ScriptedResponse> responses)
    {
        ArgumentNullException.ThrowIfNull(responses);
        foreach (ScriptedResponse response in responses)
        {
            _script.Enqueue(response);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync().ConfigureAwait(false);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Starts Kestrel on loopback with this server's handler; call once from the derived StartAsync.</summary>
    protected async Task StartHostAsync() => _host = await KestrelHost.StartAsync(HandleAsync).ConfigureAwait(false);

    /// <summary>Turns what arrived on the wire into the recorded request (e.g. checking its signature).</summary>
    protected virtual ReceivedRequest Receive(string method, string rawTarget, Dictionary<string, string> headers, byte[] body) =>
        new(method, rawTarget, headers, body, SignatureValid: false, SignatureError: null, SignedHeaders: []);

    /// <summary>The provider's own refusal of <paramref name="request"/>, or null when it should be answered.</summary>
    protected abstract ScriptedResponse? Refuse(ReceivedRequest request);

    /// <summary>Adds headers the provider sends on every answer.</summary>
    protected virtual void AddResponseHeaders(IHeaderDictionary headers)
    {
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        await context.Request.Body.CopyToAsync(buffer).ConfigureAwait(false);

        // RawTarget is the path exactly as sent; Request.Path would already be decoded.
        string rawTarget = context.Features.Get<IHttpRequestFeature>()!.RawTarget;
        Dictionary<string, string> headers = context.Request.Headers.ToDictionary(
            h => h.Key.ToLowerInvariant(), h => h.Value.ToString(), StringComparer.Ordinal);
        ReceivedRequest request = Receive(context.Request.Method, rawTarget, headers, buffer.ToArray());
        _requests.Enqueue(request);
        OnRequest?.Invoke(request);

        ScriptedResponse response = Refuse(request)
            ?? Responder?.Invoke(request)
            ?? (_script.TryDequeue(out ScriptedResponse? scripted) ? scripted : Default ?? Fallback);

        context.Response.StatusCode = response.Status;
        context.Response.ContentType = "application/json";
        AddResponseHeaders(context.Response.Headers);
        foreach ((string name, string value) in response.Headers ?? new Dictionary<string, string>())
        {
            context.Response.Headers[name] = value;
        }

        await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(response.Body)).ConfigureAwait(false);
    }
}
