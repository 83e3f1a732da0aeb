using DurableAgents.Cli.Errors;

namespace DurableAgents.Cli.Backends;

/// <summary>Where the CLI talks to and with which key, resolved from options first and environment variables second.</summary>
internal sealed record BackendSettings(BackendKind Kind, string Address, string? ApiKey)
{
    public const string SidecarVariable = "DURABLEAGENTS_SIDECAR";
    public const string HttpVariable = "DURABLEAGENTS_HTTP";
    public const string ApiKeyVariable = "DURABLEAGENTS_API_KEY";

    /// <summary>Where the sidecar listens unless told otherwise (its default gRPC port).</summary>
    public const string DefaultSidecarAddress = "http://127.0.0.1:4001";

    /// <summary>
    /// An explicit --sidecar or --http wins over the environment; between the variables, DURABLEAGENTS_HTTP wins
    /// (it is only set on purpose, while the gRPC address has a default). Both options at once is a usage error.
    /// </summary>
    public static BackendSettings Resolve(string? sidecarOption, string? httpOption, string? apiKeyOption, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        string? apiKey = NullIfEmpty(apiKeyOption) ?? NullIfEmpty(environment(ApiKeyVariable));
        if (NullIfEmpty(sidecarOption) is { } sidecar)
        {
            return NullIfEmpty(httpOption) is null
                ? new BackendSettings(BackendKind.Grpc, sidecar, apiKey)
                : throw new CliUsageException("Pass either --sidecar (gRPC) or --http (the HTTP API), not both.");
        }

        if (NullIfEmpty(httpOption) is { } http)
        {
            return new BackendSettings(BackendKind.Http, http, apiKey);
        }

        if (NullIfEmpty(environment(HttpVariable)) is { } httpFromEnvironment)
        {
            return new BackendSettings(BackendKind.Http, httpFromEnvironment, apiKey);
        }

        return new BackendSettings(
            BackendKind.Grpc, NullIfEmpty(environment(SidecarVariable)) ?? DefaultSidecarAddress, apiKey);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
