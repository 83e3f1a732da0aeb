using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Protocol.Grpc;

/// <summary>One registered method: the shared call pipeline (validation, deadline, status) around a typed handler.</summary>
internal abstract class GrpcServerMethod
{
    protected GrpcServerMethod(string serviceName, string name, GrpcServerOptions options)
    {
        Name = name;
        FullName = $"/{serviceName}/{name}";
        Options = options;
    }

    public string Name { get; }

    public string FullName { get; }

    protected GrpcServerOptions Options { get; }

    public async Task HandleAsync(HttpContext httpContext, ILogger logger)
    {
        if (!GrpcServerResponses.TryAcceptRequest(httpContext))
        {
            return;
        }

        // The per-message limit replaces Kestrel's whole-body limit, which would cut long streams short.
        var bodySizeFeature = httpContext.Features.Get<IHttpMaxRequestBodySizeFeature>();
        if (bodySizeFeature is { IsReadOnly: false })
        {
            bodySizeFeature.MaxRequestBodySize = null;
        }

        var requestAborted = httpContext.RequestAborted;
        var deadline = DateTime.MaxValue;
        CancellationTokenSource? deadlineSource = null;
        if (GrpcTimeout.TryParse(httpContext.Request.Headers[GrpcProtocol.TimeoutHeader], out var timeout))
        {
            deadline = timeout >= DateTime.MaxValue - DateTime.UtcNow ? DateTime.MaxValue : DateTime.UtcNow + timeout;
            deadlineSource = CancellationTokenSource.CreateLinkedTokenSource(requestAborted);
            deadlineSource.CancelAfter(timeout);
        }

        var callContext = new GrpcCallContext(httpContext, FullName, deadline, deadlineSource?.Token ?? requestAborted);
        try
        {
            await InvokeAsync(httpContext, callContext).ConfigureAwait(false);
            GrpcServerResponses.SetStatus(httpContext, StatusCode.OK, message: null);
        }
        catch (Exception) when (requestAborted.IsCancellationRequested)
        {
            // The client reset the stream; nobody is left to read a status.
        }
        catch (OperationCanceledException) when (deadlineSource is { IsCancellationRequested: true })
        {
            GrpcServerResponses.SetStatus(httpContext, StatusCode.DeadlineExceeded, "Deadline exceeded.");
        }
        catch (RpcException ex)
        {
            GrpcServerResponses.SetStatus(httpContext, ex.StatusCode, ex.Detail);
        }
        catch (Exception ex)
        {
            Logs.HandlerFailed(logger, ex, FullName);
            GrpcServerResponses.SetStatus(
                httpContext,
                StatusCode.Unknown,
                $"Exception was thrown by the handler of {FullName}: {ex.GetType().Name}: {ex.Message}");
        }
        finally
        {
            deadlineSource?.Dispose();
        }
    }

    /// <summary>Reads the request, runs the handler and writes the response message(s); throws to end with a non-OK status.</summary>
    protected abstract Task InvokeAsync(HttpContext httpContext, GrpcCallContext callContext);
}
