using DurableAgents.Converters;
using DurableTask.Core.Exceptions;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Management.Http;

/// <summary>
/// Turns what handlers and the client throw into RFC 7807 problems, so every error the API answers has the same
/// shape: request problems as described, client exceptions as 404/409/410, anything unexpected as a 500 without
/// internals (those go to the log). The client is the official contract: in process it raises the engine's exceptions
/// (which derive from the official ones) and, for a signal to an unknown instance, the RpcException NOT_FOUND the official
/// gRPC client raises; over gRPC only the official exceptions arrive.
/// </summary>
internal sealed class ManagementExceptionFilter(ILogger<ManagementExceptionFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        HttpContext http = context.HttpContext;
        try
        {
            return await next(context);
        }
        catch (ManagementProblemException problem)
        {
            problem.DecorateResponse?.Invoke(http.Response);
            return problem.ToResult(http);
        }
        catch (InstanceNotFoundException notFound)
        {
            return Problems.InstanceNotFound(notFound.InstanceId).ToResult(http);
        }
        catch (InstanceAlreadyExistsException exists)
        {
            return Problems.InstanceExists(exists.InstanceId, exists.Status).ToResult(http);
        }
        catch (InvalidInstanceStateException invalid) when (invalid.Status.IsTerminal())
        {
            return Problems.InstanceGone(invalid.InstanceId, invalid.Status, invalid.Operation).ToResult(http);
        }
        catch (InvalidInstanceStateException invalid)
        {
            return Problems.Create(http, StatusCodes.Status409Conflict, "invalid-instance-state", "Invalid instance state", invalid.Message, "instanceId");
        }
        catch (OrchestrationAlreadyExistsException exists)
        {
            return Problems.Create(http, StatusCodes.Status409Conflict, "instance-exists", "Instance already exists", exists.Message, "instanceId");
        }
        catch (RpcException rpc) when (rpc.StatusCode == StatusCode.NotFound && http.GetRouteValue("instanceId") is string instanceId)
        {
            // The instance disappeared (was purged) between the handler's check and the signal.
            return Problems.InstanceNotFound(instanceId).ToResult(http);
        }
        catch (RpcException rpc) when (rpc.StatusCode == StatusCode.FailedPrecondition)
        {
            return Problems.Create(http, StatusCodes.Status409Conflict, "invalid-instance-state", "Invalid instance state", rpc.Status.Detail, "instanceId");
        }
        catch (PayloadFormatException payload)
        {
            return Problems.Create(http, StatusCodes.Status400BadRequest, "invalid-payload", "Invalid payload", payload.Message);
        }
        catch (InvalidIdentifierException invalid)
        {
            // The engine's identifier rules are the ones this API checks up front: the same problem, with the engine's message.
            return Problems.Invalid(invalid.ParamName ?? "instanceId", invalid.Message).ToResult(http);
        }
        catch (ArgumentException argument)
        {
            // The client rejects malformed values it cannot interpret (e.g. a foreign continuation token) this way.
            return Problems.Create(http, StatusCodes.Status400BadRequest, "invalid-argument", "Invalid argument", argument.Message, argument.ParamName);
        }
        catch (BadHttpRequestException badRequest)
        {
            // The server found the request itself malformed while a handler read it (e.g. broken chunked encoding).
            return Problems.Create(http, badRequest.StatusCode, "bad-request", "Bad request",
                $"The request could not be read: {badRequest.Message} Check the request's framing (Content-Length, Transfer-Encoding) and body.");
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // The API's promise is a problem+json body for every error; the exception itself is logged.
        catch (Exception unexpected)
#pragma warning restore CA1031
        {
            Logs.UnhandledError(logger, unexpected, http.Request.Method, http.Request.Path);
            return Problems.Create(http, StatusCodes.Status500InternalServerError, "internal-error", "Internal error",
                $"The request failed unexpectedly (trace id {http.TraceIdentifier}); the server log has the details.");
        }
    }
}
