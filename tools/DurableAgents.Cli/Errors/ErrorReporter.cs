using DurableAgents.Cli.Backends;
using DurableAgents.Cli.Output;
using DurableAgents.Client;
using DurableAgents.Converters;
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
        SidecarUnavailableException unavailable => (ExitCodes.Unreachable,
            $"no sidecar is listening at {AddressOf(unavailable, settings)} — start it with `dotnet run --project {SidecarProject}` or pass --sidecar <address> (env DURABLEAGENTS_SIDECAR)."),
        BackendUnreachableException => (ExitCodes.Unreachable, error.Message),
        CliUsageException => (ExitCodes.UsageError, error.Message),
        // INVALID_ARGUMENT from the sidecar, or an argument the client checks (e.g. an approval name with '/').
        ArgumentException => (ExitCodes.UsageError, error.Message),
        UnauthorizedAccessException when settings?.ApiKey is null => (ExitCodes.OperationFailed,
            $"{error.Message} (no API key was given: pass --api-key or set DURABLEAGENTS_API_KEY)"),
        InstanceNotFoundException or InvalidInstanceStateException or InstanceAlreadyExistsException or CliOperationException
            or ManagementApiException or UnauthorizedAccessException or TimeoutException or PayloadFormatException => (ExitCodes.OperationFailed, error.Message),
        OperationCanceledException => (ExitCodes.OperationFailed, "cancelled."),
        RpcException rpc => (ExitCodes.OperationFailed, $"the sidecar answered {rpc.StatusCode}: {rpc.Status.Detail}"),
        _ => (ExitCodes.OperationFailed, $"unexpected error ({error.GetType().Name}): {error.Message}"),
    };

    private static string AddressOf(SidecarUnavailableException error, BackendSettings? settings) =>
        string.IsNullOrEmpty(error.Address) ? settings?.Address ?? GrpcDurableTaskClientOptions.DefaultAddress : error.Address;
}
