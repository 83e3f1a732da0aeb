using Grpc.Core;
using DurableAgents.TaskHub;

namespace DurableAgents.Sidecar.Grpc;

/// <summary>
/// The one place where engine exceptions become gRPC status codes, following the contract in
/// src/DurableAgents.Sidecar/README.md. Exceptions not listed are left alone (Grpc.AspNetCore logs them and answers UNKNOWN).
/// </summary>
internal static class SidecarErrorMapper
{
    /// <summary>Returns the status to end the call with, or null to let <paramref name="error"/> propagate unchanged.</summary>
    /// <param name="error">What the handler threw.</param>
    /// <param name="callToken">The call's token (client gone or deadline passed).</param>
    /// <param name="stopping">Cancelled when the sidecar shuts down.</param>
    public static RpcException? Map(Exception error, CancellationToken callToken, CancellationToken stopping) => error switch
    {
        RpcException => null,

        // Grpc.AspNetCore turns the caller's own cancellation into CANCELLED/DEADLINE_EXCEEDED.
        OperationCanceledException when callToken.IsCancellationRequested => null,
        OperationCanceledException when stopping.IsCancellationRequested => ShuttingDown(),
        TaskHubNotRunningException => ShuttingDown(),

        InstanceNotFoundException e => new RpcException(new Status(StatusCode.NotFound, e.Message, e)),
        InstanceAlreadyExistsException e => new RpcException(new Status(StatusCode.AlreadyExists, e.Message, e)),
        InvalidInstanceStateException e => new RpcException(new Status(StatusCode.FailedPrecondition, e.Message, e)),
        StaleCompletionTokenException e => new RpcException(new Status(StatusCode.NotFound, e.Message, e)),
        ArgumentException e => new RpcException(new Status(StatusCode.InvalidArgument, e.Message, e)),
        NotSupportedException e => new RpcException(new Status(StatusCode.Unimplemented, e.Message, e)),
        _ => null,
    };

    // Expected whenever the sidecar stops with callers connected (every worker's work-item stream ends this way), so the
    // status carries no debug exception: Grpc.AspNetCore logs that exception's stack trace with the status, at Information.
    private static RpcException ShuttingDown() =>
        new(new Status(StatusCode.Unavailable, "The sidecar is shutting down. Retry the call once it (or another sidecar of this task hub) is running again."));
}
