using Google.Protobuf;
using Microsoft.AspNetCore.Http;

namespace DurableAgents.Protocol.Grpc;

/// <summary>A unary method: one request message in, one response message out.</summary>
internal sealed class UnaryServerMethod<TRequest, TResponse> : GrpcServerMethod
    where TRequest : IMessage<TRequest>
    where TResponse : IMessage<TResponse>
{
    private readonly MessageParser<TRequest> _parser;
    private readonly Func<TRequest, GrpcCallContext, Task<TResponse>> _handler;

    public UnaryServerMethod(
        string serviceName,
        string name,
        GrpcServerOptions options,
        MessageParser<TRequest> parser,
        Func<TRequest, GrpcCallContext, Task<TResponse>> handler)
        : base(serviceName, name, options)
    {
        _parser = parser;
        _handler = handler;
    }

    protected override async Task InvokeAsync(HttpContext httpContext, GrpcCallContext callContext)
    {
        var request = await GrpcServerFraming.ReadSingleMessageAsync(
            httpContext.Request.BodyReader, _parser, Options, callContext.CancellationToken).ConfigureAwait(false);
        var response = await _handler(request, callContext).ConfigureAwait(false)
            ?? throw new RpcException(StatusCode.Internal, $"The handler of {FullName} returned no response message.");

        // Not flushed here: Kestrel sends the message together with the trailers when the request ends.
        GrpcServerFraming.WriteMessage(httpContext.Response.BodyWriter, response, Options);
    }
}
