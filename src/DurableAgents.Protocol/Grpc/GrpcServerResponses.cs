using Microsoft.AspNetCore.Http;

namespace DurableAgents.Protocol.Grpc;

/// <summary>Request validation and status reporting shared by every server method, including unimplemented ones.</summary>
internal static class GrpcServerResponses
{
    /// <summary>Checks HTTP/2 and the content type; on failure writes the HTTP response and returns false.</summary>
    public static bool TryAcceptRequest(HttpContext httpContext)
    {
        var request = httpContext.Request;
        if (!HttpProtocol.IsHttp2(request.Protocol))
        {
            httpContext.Response.StatusCode = StatusCodes.Status426UpgradeRequired;
            httpContext.Response.Headers.Upgrade = "h2c";
            return false;
        }

        if (!GrpcProtocol.IsGrpcContentType(request.ContentType))
        {
            httpContext.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
            httpContext.Response.Headers[GrpcProtocol.StatusHeader] = GrpcProtocol.StatusText(StatusCode.Internal);
            httpContext.Response.Headers[GrpcProtocol.MessageHeader] = GrpcMessageEncoding.Encode(
                $"Content-Type '{request.ContentType}' is not supported; gRPC requests must use '{GrpcProtocol.ContentType}'.");
            return false;
        }

        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = GrpcProtocol.ContentType;
        response.Headers[GrpcProtocol.AcceptEncodingHeader] = "identity";
        return true;
    }

    /// <summary>
    /// Reports the final status: in the headers of a trailers-only response when nothing was sent yet,
    /// otherwise in the trailers that end the stream.
    /// </summary>
    public static void SetStatus(HttpContext httpContext, StatusCode status, string? message)
    {
        var response = httpContext.Response;
        var encodedMessage = GrpcMessageEncoding.Encode(message);
        if (!response.HasStarted && status != StatusCode.OK)
        {
            response.Headers[GrpcProtocol.StatusHeader] = GrpcProtocol.StatusText(status);
            if (encodedMessage.Length > 0)
            {
                response.Headers[GrpcProtocol.MessageHeader] = encodedMessage;
            }

            return;
        }

        response.AppendTrailer(GrpcProtocol.StatusHeader, GrpcProtocol.StatusText(status));
        if (encodedMessage.Length > 0)
        {
            response.AppendTrailer(GrpcProtocol.MessageHeader, encodedMessage);
        }
    }

    public static Task WriteUnimplementedAsync(HttpContext httpContext)
    {
        if (TryAcceptRequest(httpContext))
        {
            SetStatus(
                httpContext,
                StatusCode.Unimplemented,
                $"The method '{httpContext.Request.Path}' is not implemented by this server.");
        }

        return Task.CompletedTask;
    }
}
