using DurableAgents.Cli.Errors;

namespace DurableAgents.Cli.Backends;

/// <summary>Creates the backend the settings name.</summary>
internal static class BackendFactory
{
    public static ICliBackend Create(BackendSettings settings, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Kind switch
        {
            BackendKind.Http => HttpCliBackend.Create(settings.Address, settings.ApiKey, time),
            _ => CreateGrpc(settings),
        };
    }

    private static GrpcCliBackend CreateGrpc(BackendSettings settings)
    {
        try
        {
            return GrpcCliBackend.Create(settings.Address, settings.ApiKey);
        }
        catch (Exception error) when (error is ArgumentException or UriFormatException)
        {
            throw new CliUsageException(
                $"--sidecar '{settings.Address}' is not a sidecar address ({error.Message}). Pass e.g. --sidecar http://127.0.0.1:4001.", error);
        }
    }
}
