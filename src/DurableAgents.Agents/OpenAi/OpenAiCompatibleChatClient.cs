using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DurableAgents.Agents;

/// <summary>
/// An <see cref="IChatClient"/> for any server that speaks OpenAI's /v1/chat/completions (LiteLLM, Ollama, vLLM,
/// OpenAI itself): messages, tools and tool calls, usage and finish reason, optional bearer API key.
/// </summary>
public sealed class OpenAiCompatibleChatClient : IChatClient
{
    private readonly string _modelId;
    private readonly OpenAiCompatibleOptions _options;
    private readonly Uri _completionsUri;
    private readonly ModelHttpTransport _transport;

    /// <summary>Creates a client for <paramref name="modelId"/> on the server at <see cref="OpenAiCompatibleOptions.BaseUrl"/>.</summary>
    /// <param name="modelId">Model name as the server knows it, e.g. llama3.1 or gpt-4o-mini.</param>
    /// <param name="options">Base URL, API key and retry settings.</param>
    /// <param name="httpClient">The HTTP client to send with; a new one is created (and disposed) when null.</param>
    /// <param name="logger">Receives retry and call logs.</param>
    /// <param name="timeProvider">Clock for retry delays.</param>
    public OpenAiCompatibleChatClient(
        string modelId,
        OpenAiCompatibleOptions options,
        HttpClient? httpClient = null,
        ILogger<OpenAiCompatibleChatClient>? logger = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        ArgumentNullException.ThrowIfNull(options);
        if (!Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out Uri? baseUri)
            || (baseUri.Scheme != Uri.UriSchemeHttp && baseUri.Scheme != Uri.UriSchemeHttps))
        {
            throw new ModelProviderConfigurationException(
                $"Agents:OpenAiCompatible:BaseUrl '{options.BaseUrl}' is not an absolute http(s) URL; set it to the "
                + "server's API root, e.g. http://localhost:11434/v1 for Ollama or http://localhost:4000/v1 for LiteLLM.");
        }

        _modelId = modelId;
        _options = options;
        _completionsUri = new Uri(baseUri.AbsoluteUri.TrimEnd('/') + "/chat/completions");
        _transport = new ModelHttpTransport(
            ModelProviders.OpenAiCompatible,
            options.Retry,
            "Agents:OpenAiCompatible",
            httpClient,
            (ILogger?)logger ?? NullLogger.Instance,
            timeProvider ?? TimeProvider.System);
    }

    /// <summary>Metadata about this client: provider "openai", the endpoint and the default model.</summary>
    public ChatClientMetadata Metadata => new("openai", _completionsUri, _modelId);

    /// <inheritdoc/>
    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        string modelId = options?.ModelId ?? _modelId;
        byte[] body = ChatCompletionsRequestWriter.Write(messages, options, modelId);
        string? correlationId = options.GetCorrelationId();
        return await _transport.ExecuteAsync(
            modelId,
            correlationId,
            token => SendOnceAsync(modelId, body, correlationId, token),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Returns the whole answer as updates once it is complete (server-sent events are not used).</summary>
    public IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        CancellationToken cancellationToken = default) =>
        ChatClientPlumbing.StreamWholeResponseAsync(token => GetResponseAsync(messages, options, token), cancellationToken);

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null) =>
        ChatClientPlumbing.GetService(this, Metadata, serviceType, serviceKey);

    /// <inheritdoc/>
    public void Dispose() => _transport.Dispose();

    private async Task<ChatResponse> SendOnceAsync(string modelId, byte[] body, string? correlationId, CancellationToken cancellationToken)
    {
        using HttpRequestMessage request = ModelHttpTransport.CreateJsonPost(_completionsUri, body, correlationId);
        if (!string.IsNullOrEmpty(_options.ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
        }

        using HttpResponseMessage response = await _transport.SendAsync(
            request,
            _completionsUri.ToString(),
            "Check Agents:OpenAiCompatible:BaseUrl and that the server is running.",
            cancellationToken).ConfigureAwait(false);
        string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw OpenAiErrorTranslator.Translate(
                response.StatusCode, text, modelId, _completionsUri, _transport.RetryAfter(response));
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(text);
            return ChatCompletionsResponseReader.Read(document.RootElement, modelId);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new ModelProviderException(
                $"{_completionsUri} answered {(int)response.StatusCode} with a body that is not a chat completion; "
                + "check that Agents:OpenAiCompatible:BaseUrl points at an OpenAI-compatible API root (ending in /v1).",
                ModelProviders.OpenAiCompatible, (int)response.StatusCode, "InvalidResponse", isRetryable: false, exception);
        }
    }
}
