using DurableAgents.Cli.Backends;
using DurableAgents.Cli.Output;
using DurableAgents.Converters;
using DurableTask.Core.Exceptions;
using Grpc.Core;

namespace DurableAgents.Cli.Errors;

/// <summary>Turns what went wrong into one clear message and the exit code scripts rely on.</summary>
internal static class ErrorReporter
{
    public const string SidecarProject = "src/DurableAgents.Sidecar";

    public static int Report(Exception error, CliOutput output, BackendSettings? settings)
    {
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(output);
        (int exitCode, string message) = Classify(error, settings);
        output.WriteError(message, exitCode);
        return exitCode;
    }

    public static (int ExitCode, string Message) Classify(Exception error, BackendSettings? settings) => error switch
    {
        RpcException { StatusCode: StatusCode.Unavailable } => (ExitCodes.Unreachable,
            $"no sidecar is listening at {settings?.Address ?? BackendSettings.DefaultSidecarAddress} — start it with `dotnet run --project {SidecarProject}` or pass --sidecar <address> (env DURABLEAGENTS_SIDECAR)."),
        RpcException { StatusCode: StatusCode.Unauthenticated or StatusCode.PermissionDenied } rpc when settings?.ApiKey is null => (ExitCodes.OperationFailed,
            $"the sidecar refused the call: {rpc.Status.Detail} (no API key was given: pass --api-key or set DURABLEAGENTS_API_KEY)"),
        RpcException { StatusCode: StatusCode.NotFound or StatusCode.FailedPrecondition or StatusCode.AlreadyExists or StatusCode.Unauthenticated or StatusCode.PermissionDenied } rpc =>
            (ExitCodes.OperationFailed, rpc.Status.Detail),
        RpcException { StatusCode: StatusCode.InvalidArgument } rpc => (ExitCodes.UsageError, rpc.Status.Detail),
        BackendUnreachableException => (ExitCodes.Unreachable, error.Message),
        CliUsageException => (ExitCodes.UsageError, error.Message),
        // Before ArgumentException: an unknown instance is an ArgumentException too (as the official client raises it).
        InstanceNotFoundException => (ExitCodes.OperationFailed, error.Message),
        // INVALID_ARGUMENT from the sidecar, or an argument the client checks (e.g. an approval name with '/').
        ArgumentException => (ExitCodes.UsageError, error.Message),
        UnauthorizedAccessException when settings?.ApiKey is null => (ExitCodes.OperationFailed,
            $"{error.Message} (no API key was given: pass --api-key or set DURABLEAGENTS_API_KEY)"),
        InvalidInstanceStateException or OrchestrationAlreadyExistsException or CliOperationException
            or ManagementApiException or UnauthorizedAccessException or TimeoutException or PayloadFormatException => (ExitCodes.OperationFailed, error.Message),
        OperationCanceledException => (ExitCodes.OperationFailed, "cancelled."),
        RpcException rpc => (ExitCodes.OperationFailed, $"the sidecar answered {rpc.StatusCode}: {rpc.Status.Detail}"),
        _ => (ExitCodes.OperationFailed, $"unexpected error ({error.GetType().Name}): {error.Message}"),
    };
}
