using Grpc.Core;
using Grpc.Core.Interceptors;

namespace DurableAgents.Sidecar.Grpc;

/// <summary>
/// Runs around every call of <see cref="TaskHubSidecarService"/>: refuses calls without the API key before the handler
/// runs, and turns the engine's exceptions into the status codes of src/DurableAgents.Client/README.md.
/// </summary>
internal sealed class SidecarCallInterceptor(TaskHubSidecarService service) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        service.Authorize(context);
        try
        {
            return await continuation(request, context).ConfigureAwait(false);
        }
        catch (Exception error) when (service.MapError(error, context) is { } status)
        {
            throw status;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        service.Authorize(context);
        try
        {
            await continuation(request, responseStream, context).ConfigureAwait(false);
        }
        catch (Exception error) when (service.MapError(error, context) is { } status)
        {
            throw status;
        }
    }
}
