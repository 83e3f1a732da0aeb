using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;

namespace DurableAgents.Agents;

/// <summary>
/// An <see cref="IChatClient"/> on the Amazon Bedrock Runtime Converse API (POST /model/{modelId}/converse),
/// signed with SigV4 (service "bedrock"). Throttling and server errors are retried with exponential backoff and
/// jitter; other errors fail at once as <see cref="ModelRequestRejectedException"/>.
/// </summary>
public sealed class BedrockChatClient : IChatClient
{
    private const string SigningService = "bedrock";
    private const string JsonContentType = "application/json";

    private readonly string _modelId;
    private readonly BedrockOptions _options;
    private readonly HttpClient _httpClient;
    private readonly bool _ownsHttpClient;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly ResiliencePipeline _retry;
    private readonly Lazy<string> _region;
    private readonly Lazy<Uri> _endpoint;
    private AWSCredentials? _credentials;

    /// <summary>Creates a client for <paramref name="modelId"/>.</summary>
    /// <param name="modelId">Bedrock model or inference profile id, e.g. anthropic.claude-3-haiku-20240307-v1:0.</param>
    /// <param name="options">Region, endpoint, profile and retry settings.</param>
    /// <param name="httpClient">The HTTP client to send with; a new one is created (and disposed) when null.</param>
    /// <param name="credentials">Credentials to sign with; when null the profile or the default AWS chain is used.</param>
    /// <param name="logger">Receives retry and call logs.</param>
    /// <param name="timeProvider">Clock for signing and retry delays.</param>
    public BedrockChatClient(
        string modelId,
        BedrockOptions options,
        HttpClient? httpClient = null,
        AWSCredentials? credentials = null,
        ILogger<BedrockChatClient>? logger = null,
        TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(modelId);
        ArgumentNullException.ThrowIfNull(options);
        options.Retry.Validate("Agents:Bedrock");
        _modelId = modelId;
        _options = options;
        _ownsHttpClient = httpClient is null;
        _httpClient = httpClient ?? new HttpClient();
        _credentials = credentials;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _retry = ModelRetryPipeline.Create(options.Retry, _logger, ModelProviders.Bedrock, _timeProvider);
        _region = new Lazy<string>(() => AwsEnvironment.ResolveRegion(_options));
        _endpoint = new Lazy<Uri>(ResolveEndpoint);
    }

    /// <summary>Metadata about this client: provider "aws.bedrock", the endpoint and the default model.</summary>
    public ChatClientMetadata Metadata => new("aws.bedrock", _endpoint.IsValueCreated ? _endpoint.Value : null, _modelId);

    /// <inheritdoc/>
    public async Task<ChatResponse> GetResponseAsync(
        IEnumerable<ChatMessage> messages, ChatOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        string modelId = options?.ModelId ?? _modelId;
        byte[] body = ConverseRequestWriter.Write(messages, options);
        string? correlationId = options.GetCorrelationId();
        AWSCredentials credentials = _credentials ??= await AwsEnvironment.ResolveCredentialsAsync(_options).ConfigureAwait(false);
        Logs.CallingModel(_logger, ModelProviders.Bedrock, modelId, correlationId);

        return await _retry.ExecuteAsync(
            async token => await SendOnceAsync(modelId, body, correlationId, credentials, token).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Returns the whole answer as updates once it is complete: ConverseStream's binary event-stream framing is
    /// not implemented, so callers that stream still work but see no incremental output.
    /// </summary>
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

    private async Task<ChatResponse> SendOnceAsync(
        string modelId, byte[] body, string? correlationId, AWSCredentials credentials, CancellationToken cancellationToken)
    {
        ImmutableCredentials immutable = await credentials.GetCredentialsAsync().ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Post, ConverseUri(modelId));
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(JsonContentType);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(JsonContentType));
        if (correlationId is not null)
        {
            request.Headers.TryAddWithoutValidation(ChatOptionsCorrelationExtensions.HeaderName, correlationId);
        }

        SigV4RequestSigner.Sign(
            request,
            body,
            JsonContentType,
            immutable,
            _region.Value,
            SigningService,
            _timeProvider.GetUtcNow().UtcDateTime,
            [ChatOptionsCorrelationExtensions.HeaderName]);

        using HttpResponseMessage response = await SendAsync(request, cancellationToken).ConfigureAwait(false);
        string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            string? errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out IEnumerable<string>? values)
                ? values.FirstOrDefault()
                : null;
            throw BedrockErrorTranslator.Translate(
                response.StatusCode, errorType, text, modelId, _region.Value, RetryAfter(response));
        }

        try
        {
            using JsonDocument document = JsonDocument.Parse(text);
            return ConverseResponseReader.Read(document.RootElement, modelId);
        }
        catch (JsonException exception)
        {
            throw new ModelProviderException(
                $"Bedrock answered {(int)response.StatusCode} with a body that is not Converse JSON; check that "
                + $"Agents:Bedrock:Endpoint ({_endpoint.Value}) points at a Bedrock Runtime endpoint.",
                ModelProviders.Bedrock, (int)response.StatusCode, "InvalidResponse", isRetryable: false, exception);
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
                $"Could not reach Bedrock at {_endpoint.Value}: {exception.Message}. Check Agents:Bedrock:Region / "
                + "Endpoint and network access (proxy, VPC endpoint).",
                ModelProviders.Bedrock, statusCode: null, "ConnectionFailed", isRetryable: true, exception);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient.Timeout fired, not the caller's token: a slow service, worth another attempt.
            throw new ModelProviderException(
                $"Bedrock at {_endpoint.Value} did not answer within {_httpClient.Timeout.TotalSeconds:0} s.",
                ModelProviders.Bedrock, statusCode: null, "Timeout", isRetryable: true, exception);
        }
    }

    private Uri ConverseUri(string modelId)
    {
        // The model id travels as one encoded path segment: ':' becomes %3A (and is encoded again when signing).
        string basePath = _endpoint.Value.AbsolutePath.TrimEnd('/');
        var builder = new StringBuilder(basePath).Append("/model/").Append(Uri.EscapeDataString(modelId)).Append("/converse");
        return new Uri(_endpoint.Value, builder.ToString());
    }

    private Uri ResolveEndpoint()
    {
        string endpoint = string.IsNullOrWhiteSpace(_options.Endpoint)
            ? $"https://bedrock-runtime.{_region.Value}.amazonaws.com"
            : _options.Endpoint;
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ModelProviderConfigurationException(
                $"Agents:Bedrock:Endpoint '{endpoint}' is not an absolute http(s) URL, e.g. https://bedrock-runtime.us-east-1.amazonaws.com.");
        }

        return uri;
    }

    private TimeSpan? RetryAfter(HttpResponseMessage response) =>
        RetryAfterHeader.Read(response, _timeProvider);
}
