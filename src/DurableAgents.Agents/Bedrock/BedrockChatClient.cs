using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DurableAgents.Agents;

/// <summary>
/// An <see cref="IChatClient"/> on the Amazon Bedrock Runtime Converse API (POST /model/{modelId}/converse),
/// signed with SigV4 (service "bedrock"). Throttling and server errors are retried with exponential backoff and
/// jitter; other errors fail at once as <see cref="ModelRequestRejectedException"/>.
/// </summary>
public sealed class BedrockChatClient : IChatClient
{
    private const string SigningService = "bedrock";

    private readonly string _modelId;
    private readonly BedrockOptions _options;
    private readonly ModelHttpTransport _transport;
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
        _modelId = modelId;
        _options = options;
        _credentials = credentials;
        _transport = new ModelHttpTransport(
            ModelProviders.Bedrock,
            options.Retry,
            "Agents:Bedrock",
            httpClient,
            (ILogger?)logger ?? NullLogger.Instance,
            timeProvider ?? TimeProvider.System);
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
        return await _transport.ExecuteAsync(
            modelId,
            correlationId,
            token => SendOnceAsync(modelId, body, correlationId, credentials, token),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Returns the whole answer as updates once it is complete: ConverseStream's binary event-stream framing is
    /// not implemented, so callers that stream still work but see no incremental output.
    /// </summary>
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

    private async Task<ChatResponse> SendOnceAsync(
        string modelId, byte[] body, string? correlationId, AWSCredentials credentials, CancellationToken cancellationToken)
    {
        ImmutableCredentials immutable = await credentials.GetCredentialsAsync().ConfigureAwait(false);
        using HttpRequestMessage request = ModelHttpTransport.CreateJsonPost(ConverseUri(modelId), body, correlationId);
        SigV4RequestSigner.Sign(
            request,
            body,
            ModelHttpTransport.JsonContentType,
            immutable,
            _region.Value,
            SigningService,
            _transport.TimeProvider.GetUtcNow().UtcDateTime,
            [ChatOptionsCorrelationExtensions.HeaderName]);

        using HttpResponseMessage response = await _transport.SendAsync(
            request,
            $"Bedrock at {_endpoint.Value}",
            "Check Agents:Bedrock:Region / Endpoint and network access (proxy, VPC endpoint).",
            cancellationToken).ConfigureAwait(false);
        string text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            string? errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out IEnumerable<string>? values)
                ? values.FirstOrDefault()
                : null;
            throw BedrockErrorTranslator.Translate(
                response.StatusCode, errorType, text, modelId, _region.Value, _transport.RetryAfter(response));
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
}
