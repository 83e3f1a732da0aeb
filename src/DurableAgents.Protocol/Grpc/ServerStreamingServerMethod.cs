using Google.Protobuf;
using Microsoft.AspNetCore.Http;

namespace DurableAgents.Protocol.Grpc;

/// <summary>A server-streaming method: one request message in, any number of response messages out.</summary>
internal sealed class ServerStreamingServerMethod<TRequest, TResponse> : GrpcServerMethod
    where TRequest : IMessage<TRequest>
    where TResponse : IMessage<TResponse>
{
    private readonly MessageParser<TRequest> _parser;
    private readonly Func<TRequest, IGrpcStreamWriter<TResponse>, GrpcCallContext, Task> _handler;

    public ServerStreamingServerMethod(
        string serviceName,
        string name,
        GrpcServerOptions options,
        MessageParser<TRequest> parser,
        Func<TRequest, IGrpcStreamWriter<TResponse>, GrpcCallContext, Task> handler)
        : base(serviceName, name, options)
    {
        _parser = parser;
        _handler = handler;
    }

    protected override async Task InvokeAsync(HttpContext httpContext, GrpcCallContext callContext)
    {
        var request = await GrpcServerFraming.ReadSingleMessageAsync(
            httpContext.Request.BodyReader, _parser, Options, callContext.CancellationToken).ConfigureAwait(false);
        var writer = new HttpResponseStreamWriter<TResponse>(httpContext.Response.BodyWriter, callContext, Options, FullName);
        try
        {
            await _handler(request, writer, callContext).ConfigureAwait(false);
        }
        finally
        {
            await writer.CompleteAsync().ConfigureAwait(false);
        }
    }
}
