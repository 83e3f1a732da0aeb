using System.Net.Http.Headers;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Logging;
using Polly;

namespace DurableAgents.Agents;

/// <summary>
/// The HTTP side shared by the clients that call a model service: the (possibly owned) <see cref="HttpClient"/>,
/// the retry pipeline, the call log, JSON POST requests carrying the correlation header, and turning transport
/// failures into retryable <see cref="ModelProviderException"/>s. Request bodies, signing, error bodies and response
/// parsing stay with each client.
/// </summary>
internal sealed class ModelHttpTransport : IDisposable
{
    public const string JsonContentType = "application/json";

    private readonly string _provider;
    private readonly HttpClient _httpClient;
    private readonly bool _ownsHttpClient;
    private readonly ILogger _logger;
    private readonly ResiliencePipeline _retry;

    /// <param name="provider">One of <see cref="ModelProviders"/>, used in logs and exceptions.</param>
    /// <param name="retry">Retry settings, validated here.</param>
    /// <param name="configurationSection">Where <paramref name="retry"/> came from, named in validation errors.</param>
    /// <param name="httpClient">The client to send with; a new one is created (and disposed) when null.</param>
    /// <param name="logger">Receives retry and call logs.</param>
    /// <param name="timeProvider">Clock for retry delays and Retry-After dates.</param>
    public ModelHttpTransport(
        string provider,
        ModelRetryOptions retry,
        string configurationSection,
        HttpClient? httpClient,
        ILogger logger,
        TimeProvider timeProvider)
    {
        retry.Validate(configurationSection);
        _provider = provider;
        _ownsHttpClient = httpClient is null;
        _httpClient = httpClient ?? new HttpClient();
        _logger = logger;
        TimeProvider = timeProvider;
        _retry = ModelRetryPipeline.Create(retry, logger, provider, timeProvider);
    }

    public TimeProvider TimeProvider { get; }

    /// <summary>Logs the call, then runs <paramref name="sendOnce"/> under the retry pipeline.</summary>
    public async Task<ChatResponse> ExecuteAsync(
        string modelId,
        string? correlationId,
        Func<CancellationToken, Task<ChatResponse>> sendOnce,
        CancellationToken cancellationToken)
    {
        Logs.CallingModel(_logger, _provider, modelId, correlationId);
        return await _retry.ExecuteAsync(
            async token => await sendOnce(token).ConfigureAwait(false),
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A POST of a JSON <paramref name="body"/> that accepts JSON and carries the correlation id, if any.</summary>
    public static HttpRequestMessage CreateJsonPost(Uri uri, byte[] body, string? correlationId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, uri);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(JsonContentType);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(JsonContentType));
        if (correlationId is not null)
        {
            request.Headers.TryAddWithoutValidation(ChatOptionsCorrelationExtensions.HeaderName, correlationId);
        }

        return request;
    }

    /// <summary>
    /// Sends <paramref name="request"/>; an unreachable server or an <see cref="HttpClient.Timeout"/> becomes a
    /// retryable <see cref="ModelProviderException"/> naming <paramref name="target"/> (e.g. "Bedrock at https://…")
    /// and, for connection failures, <paramref name="connectionHint"/> (what to check).
    /// </summary>
    public async Task<HttpResponseMessage> SendAsync(
        HttpRequestMessage request, string target, string connectionHint, CancellationToken cancellationToken)
    {
        try
        {
            return await _httpClient.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException exception)
        {
            throw new ModelProviderException(
                $"Could not reach {target}: {exception.Message}. {connectionHint}",
                _provider, statusCode: null, "ConnectionFailed", isRetryable: true, exception);
        }
        catch (TaskCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient.Timeout fired, not the caller's token: a slow service, worth another attempt.
            throw new ModelProviderException(
                $"{target} did not answer within {_httpClient.Timeout.TotalSeconds:0} s.",
                _provider, statusCode: null, "Timeout", isRetryable: true, exception);
        }
    }

    /// <summary>The server's Retry-After, if it sent one.</summary>
    public TimeSpan? RetryAfter(HttpResponseMessage response) => RetryAfterHeader.Read(response, TimeProvider);

    public void Dispose()
    {
        if (_ownsHttpClient)
        {
            _httpClient.Dispose();
        }
    }
}
