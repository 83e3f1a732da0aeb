using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;

namespace DurableAgents.Protocol.Grpc;

/// <summary>The state of one client call: the HTTP/2 exchange, its deadline and cancellation, and the final status.</summary>
internal sealed class GrpcClientCall : IDisposable
{
    private static readonly ProductInfoHeaderValue UserAgent = new("durableagents-grpc", "1.0");

    private readonly GrpcChannel _channel;
    private readonly string _method;
    private readonly DateTime _deadline;
    private readonly CancellationToken _userToken;
    private readonly CancellationTokenSource? _callSource;
    private HttpRequestMessage? _request;
    private HttpResponseMessage? _response;
    private Stream? _responseStream;
    private bool _finished;

    public GrpcClientCall(GrpcChannel channel, string method, DateTime? deadline, CancellationToken userToken)
    {
        _channel = channel;
        _method = method;
        _deadline = NormalizeDeadline(deadline);
        _userToken = userToken;
        if (_deadline != DateTime.MaxValue)
        {
            _callSource = CancellationTokenSource.CreateLinkedTokenSource(userToken);
        }
    }

    public CancellationToken Token => _callSource?.Token ?? _userToken;

    public CancellationToken UserToken => _userToken;

    public async Task StartAsync(IMessage request, IEnumerable<KeyValuePair<string, string>>? headers)
    {
        var options = _channel.Options;
        var size = request.CalculateSize();
        if (size > options.MaxSendMessageSize)
        {
            throw new RpcException(
                StatusCode.ResourceExhausted,
                GrpcProtocol.SendLimitMessage(size, options.MaxSendMessageSize, "GrpcChannelOptions.MaxSendMessageSize"));
        }

        // Kept until the call ends: HTTP/2 may hand back the response while the request body is still being sent.
        var httpRequest = _request = new HttpRequestMessage(HttpMethod.Post, _channel.GetMethodUri(_method))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new GrpcRequestContent(request, size),
        };
        var requestHeaders = httpRequest.Headers;
        requestHeaders.TryAddWithoutValidation(GrpcProtocol.TeHeader, GrpcProtocol.TeTrailers);
        requestHeaders.UserAgent.Add(UserAgent);
        requestHeaders.TryAddWithoutValidation(GrpcProtocol.AcceptEncodingHeader, "identity");
        if (_deadline != DateTime.MaxValue)
        {
            var remaining = _deadline - DateTime.UtcNow;
            if (remaining <= TimeSpan.Zero)
            {
                throw DeadlineExceeded();
            }

            requestHeaders.TryAddWithoutValidation(GrpcProtocol.TimeoutHeader, GrpcTimeout.Format(remaining));
            _callSource!.CancelAfter(remaining);
        }

        AddHeaders(requestHeaders, options.DefaultHeaders);
        if (headers is not null)
        {
            AddHeaders(requestHeaders, headers);
        }

        _response = await _channel.Invoker.SendAsync(httpRequest, Token).ConfigureAwait(false);
        CheckResponseHeaders(_response);
        if (!_finished)
        {
            _responseStream = await _response.Content.ReadAsStreamAsync(Token).ConfigureAwait(false);
        }
    }

    /// <summary>Reads the next message; at the end of the stream checks the status and throws unless it is OK.</summary>
    public async ValueTask<(bool HasMessage, T Message)> ReadNextAsync<T>(MessageParser<T> parser, CancellationToken token)
        where T : IMessage<T>
    {
        if (_finished)
        {
            return (false, default!);
        }

        var next = await GrpcResponseReader.ReadMessageAsync(_responseStream!, parser, _channel.Options.MaxReceiveMessageSize, token).ConfigureAwait(false);
        if (!next.HasMessage)
        {
            _finished = true;
            ThrowIfNotOk(ReadStatus(_response!.TrailingHeaders, _response.Headers));
        }

        return next;
    }

    /// <summary>Turns transport and cancellation failures into the exception the caller should see.</summary>
    public Exception Translate(Exception exception, CancellationToken readToken)
    {
        if (exception is RpcException)
        {
            return exception;
        }

        if (_userToken.IsCancellationRequested)
        {
            return new OperationCanceledException($"The call {_method} was cancelled by the caller.", exception, _userToken);
        }

        if (readToken.IsCancellationRequested)
        {
            return new OperationCanceledException($"Reading the response of {_method} was cancelled by the caller.", exception, readToken);
        }

        if (_deadline != DateTime.MaxValue && (_callSource!.IsCancellationRequested || DateTime.UtcNow >= _deadline))
        {
            return DeadlineExceeded();
        }

        if (exception is HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } connectError)
        {
            return new RpcException(StatusCode.Unavailable, $"no sidecar is listening at {_channel.AddressText}: {connectError.Message}", exception);
        }

        if (exception is OperationCanceledException && _response is null && _callSource is not { IsCancellationRequested: true })
        {
            // SocketsHttpHandler reports an expired ConnectTimeout as a cancellation nobody asked for.
            return new RpcException(
                StatusCode.Unavailable,
                $"no sidecar is listening at {_channel.AddressText}: no connection within {_channel.Options.ConnectTimeout.TotalSeconds:0.#} s",
                exception);
        }

        if (FindProtocolException(exception) is { } protocolError)
        {
            // RST_STREAM codes as the gRPC HTTP/2 mapping defines them.
            var status = protocolError.ErrorCode switch
            {
                0x7 => StatusCode.Unavailable,
                0x8 => StatusCode.Cancelled,
                0xB => StatusCode.ResourceExhausted,
                0xC => StatusCode.PermissionDenied,
                _ => StatusCode.Internal,
            };
            return new RpcException(status, $"The call {_method} to {_channel.AddressText} was reset: {protocolError.Message}", exception);
        }

        return new RpcException(
            StatusCode.Unavailable,
            $"The call {_method} to {_channel.AddressText} failed: {exception.Message}",
            exception);
    }

    public void Dispose()
    {
        // Disposing an unfinished response resets the HTTP/2 stream, which cancels the server's handler.
        _responseStream?.Dispose();
        _response?.Dispose();
        _request?.Dispose();
        _callSource?.Dispose();
    }

    private void CheckResponseHeaders(HttpResponseMessage response)
    {
        var headerStatus = ReadStatus(response.Headers, trailers: null);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            if (headerStatus is { } status && status.Code != StatusCode.OK)
            {
                throw new RpcException(status.Code, status.Message);
            }

            throw new RpcException(
                MapHttpStatus(response.StatusCode),
                $"The server at {_channel.AddressText} answered {_method} with HTTP {(int)response.StatusCode} ({response.ReasonPhrase}) instead of a gRPC response.");
        }

        if (headerStatus is not null)
        {
            // Trailers-only response: the status came with the headers and no message follows.
            _finished = true;
            ThrowIfNotOk(headerStatus);
            return;
        }

        var contentType = response.Content.Headers.ContentType?.MediaType;
        if (!GrpcProtocol.IsGrpcContentType(contentType))
        {
            throw new RpcException(
                StatusCode.Internal,
                $"The server at {_channel.AddressText} answered {_method} with content type '{contentType}', not '{GrpcProtocol.ContentType}'.");
        }
    }

    private void ThrowIfNotOk((StatusCode Code, string Message)? status)
    {
        if (status is null)
        {
            throw new RpcException(StatusCode.Internal, $"The server ended the response of {_method} without a grpc-status trailer.");
        }

        if (status.Value.Code != StatusCode.OK)
        {
            throw new RpcException(status.Value.Code, status.Value.Message);
        }
    }

    private RpcException DeadlineExceeded() =>
        new(StatusCode.DeadlineExceeded, $"Deadline exceeded: {_method} did not complete by {_deadline:O}.");

    private static (StatusCode Code, string Message)? ReadStatus(HttpHeaders primary, HttpHeaders? trailers)
    {
        var source = primary.TryGetValues(GrpcProtocol.StatusHeader, out var values) ? primary
            : trailers is not null && trailers.TryGetValues(GrpcProtocol.StatusHeader, out values) ? trailers
            : null;
        if (source is null || values is null)
        {
            return null;
        }

        var text = values.FirstOrDefault();
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var code))
        {
            return (StatusCode.Unknown, $"The server sent an unreadable grpc-status '{text}'.");
        }

        var message = source.TryGetValues(GrpcProtocol.MessageHeader, out var messages) ? GrpcMessageEncoding.Decode(messages.FirstOrDefault()) : string.Empty;
        return ((StatusCode)code, message);
    }

    private static void AddHeaders(HttpRequestHeaders target, IEnumerable<KeyValuePair<string, string>> headers)
    {
        foreach (var (name, value) in headers)
        {
            if (!target.TryAddWithoutValidation(name, value))
            {
                throw new ArgumentException($"The header '{name}' cannot be sent as gRPC metadata; use a custom lowercase name such as 'x-api-key'.", nameof(headers));
            }
        }
    }

    private static DateTime NormalizeDeadline(DateTime? deadline) => deadline switch
    {
        null => DateTime.MaxValue,
        { } value when value == DateTime.MaxValue => DateTime.MaxValue,
        { Kind: DateTimeKind.Local } value => value.ToUniversalTime(),
        { } value => DateTime.SpecifyKind(value, DateTimeKind.Utc),
    };

    private static StatusCode MapHttpStatus(HttpStatusCode status) => status switch
    {
        HttpStatusCode.BadRequest => StatusCode.Internal,
        HttpStatusCode.Unauthorized => StatusCode.Unauthenticated,
        HttpStatusCode.Forbidden => StatusCode.PermissionDenied,
        HttpStatusCode.NotFound => StatusCode.Unimplemented,
        HttpStatusCode.TooManyRequests or HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout => StatusCode.Unavailable,
        _ => StatusCode.Unknown,
    };

    private static HttpProtocolException? FindProtocolException(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is HttpProtocolException protocolException)
            {
                return protocolException;
            }
        }

        return null;
    }
}
