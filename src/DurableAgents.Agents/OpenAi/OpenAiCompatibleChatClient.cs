using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace DurableAgents.Agents;

/// <summary>
/// An <see cref="IChatClient"/> for any server that speaks OpenAI's /v1/chat/completions (LiteLLM, Ollama, vLLM,
/// OpenAI itself): messages, tools and tool calls, usage and finish reason, optional bearer API key.
/// </summary>
public sealed class OpenAiCompatibleChatClient : IChatClient
{
    private const string JsonContentType = "application/json";

    private readonly string _modelId;
    private readonly OpenAiCompatibleOptions _options;
    private readonly Uri _completionsUri;
    private readonly HttpClient _httpClient;
    private readonly bool _ownsHttpClient;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _retry;
    private readonly TimeProvider _timeProvider;

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
        options.Retry.Validate("Agents:OpenAiCompatible");
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
        _ownsHttpClient = httpClient is null;
        _httpClient = httpClient ?? new HttpClient();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _retry = ModelRetryPipeline.Create(options.Retry, _logger, ModelProviders.OpenAiCompatible, _timeProvider);
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
        Logs.CallingModel(_logger, ModelProviders.OpenAiCompatible, modelId, correlationId);
        return await _retry.ExecuteAsync(
            async token => await SendOnceAsync(modelId, body, correlationId, token).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Returns the whole answer as updates once it is complete (server-sent events are not used).</summary>
    public async IAsyncEnumerable<ChatResponseUpdate> GetStreamingResponseAsync(
        IEnumerable<ChatMessage> messages,
        ChatOptions? options = null,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ChatResponse response = await GetResponseAsync(messages, options, cancellationToken).ConfigureAwait(false);
        foreach (ChatResponseUpdate update in response.ToChatResponseUpdates())
        {
            yield return update;
        }
    }

    /// <inheritdoc/>
    public object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        if (serviceKey is not null)
        {
            return null;
        }

        if (serviceType == typeof(ChatClientMetadata))
        {
            return Metadata;
        }

        return serviceType.IsInstanceOfType(this) ? this : null;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_ownsHttpClient)
        {
            _httpClient.Dispose();
        }
    }

    private async Task<ChatResponse> SendOnceAsync(string modelId, byte[] body, string? correlationId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _completionsUri);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(JsonContentType);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(JsonContentType));
        if (!string.IsNullOrEmpty(_options.ApiKey))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
        }

        if (correlationId is not null)
        {
            request.Headers.TryAddWithoutValidation(ChatOptionsCorrelationExtensions.HeaderName, correlationId);
        }

        using HttpResponseMessage response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw OpenAiErrorTranslator.Translate(
                response.StatusCode, text, modelId, _completionsUri, RetryAfterHeader.Read(response, _timeProvider));
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

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await _httpClient.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            throw new ModelProviderException(
                $"Could not reach {_completionsUri}: {exception.Message}. Check Agents:OpenAiCompatible:BaseUrl and that the server is running.",
                ModelProviders.OpenAiCompatible, statusCode: null, "ConnectionFailed", isRetryable: true, exception);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ModelProviderException(
                $"{_completionsUri} did not answer within {_httpClient.Timeout.TotalSeconds:0} s.",
                ModelProviders.OpenAiCompatible, statusCode: null, "Timeout", isRetryable: true, exception);
        }
    }
}
