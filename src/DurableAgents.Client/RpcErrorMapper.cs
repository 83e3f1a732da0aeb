using Grpc.Core;

namespace DurableAgents.Client;

/// <summary>
/// The one place where the sidecar's gRPC status codes become the exceptions the client promises (see README.md).
/// </summary>
internal static class RpcErrorMapper
{
    /// <summary>Returns the exception to throw for <paramref name="error"/>; the same instance when no mapping applies.</summary>
    /// <param name="error">The failed call's status.</param>
    /// <param name="address">The sidecar address, for messages.</param>
    /// <param name="instanceId">The instance the call was about, when there is one.</param>
    /// <param name="operation">What was attempted, in words ("raise an event on").</param>
    /// <param name="readStatus">Reads the instance's current status (null when it does not exist), for errors that report it.</param>
    /// <param name="cancellation">The caller's token.</param>
    public static async Task<Exception> TranslateAsync(
        RpcException error,
        string address,
        string? instanceId,
        string operation,
        Func<string, CancellationToken, Task<OrchestrationStatus?>> readStatus,
        CancellationToken cancellation)
    {
        switch (error.StatusCode)
        {
            case StatusCode.NotFound when instanceId is not null:
                return new InstanceNotFoundException(instanceId);
            case StatusCode.AlreadyExists when instanceId is not null:
                return await WithStatusAsync(error, instanceId, readStatus, status => new InstanceAlreadyExistsException(instanceId, status), cancellation)
                    .ConfigureAwait(false);
            case StatusCode.FailedPrecondition when instanceId is not null:
                return await WithStatusAsync(error, instanceId, readStatus, status => new InvalidInstanceStateException(instanceId, status, operation), cancellation)
                    .ConfigureAwait(false);
            case StatusCode.InvalidArgument:
                return new ArgumentException($"The sidecar rejected the request to {operation}: {error.Status.Detail}", error);
            case StatusCode.Unavailable:
                return new SidecarUnavailableException(address, error.Status.Detail, error);
            case StatusCode.Unauthenticated or StatusCode.PermissionDenied:
                return new UnauthorizedAccessException(
                    $"The sidecar at {address} refused the call ({error.StatusCode}): {error.Status.Detail} Set GrpcDurableTaskClientOptions.ApiKey to the sidecar's API key.",
                    error);
            case StatusCode.DeadlineExceeded:
                return new TimeoutException($"The sidecar at {address} did not answer the request to {operation} in time: {error.Status.Detail}", error);
            case StatusCode.Cancelled:
                return new OperationCanceledException($"The request to {operation} was cancelled: {error.Status.Detail}", error, cancellation);
            default:
                return error;
        }
    }

    private static async Task<Exception> WithStatusAsync(
        RpcException error,
        string instanceId,
        Func<string, CancellationToken, Task<OrchestrationStatus?>> readStatus,
        Func<OrchestrationStatus, Exception> create,
        CancellationToken cancellation)
    {
        OrchestrationStatus? status;
        try
        {
            status = await readStatus(instanceId, cancellation).ConfigureAwait(false);
        }
        catch (Exception lookupError) when (lookupError is RpcException or OperationCanceledException)
        {
            return new InvalidOperationException($"{error.Status.Detail} (the instance's status could not be read: {lookupError.Message})", error);
        }

        // The instance may have been purged between the failed call and the lookup.
        return status is { } current ? create(current) : new InstanceNotFoundException(instanceId);
    }
}
