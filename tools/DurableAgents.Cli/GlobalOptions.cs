using System.CommandLine;
using DurableAgents.Cli.Backends;

namespace DurableAgents.Cli;

/// <summary>Options every command accepts (they may come before or after the command name).</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Sidecar { get; } = new("--sidecar")
    {
        Description = "The sidecar's gRPC address [default: http://127.0.0.1:4001, env DURABLEAGENTS_SIDECAR]",
        HelpName = "address",
        Recursive = true,
    };

    public Option<string?> Http { get; } = new("--http")
    {
        Description = "Use the sidecar's HTTP API at this base URL instead of gRPC, e.g. http://127.0.0.1:8080 [env DURABLEAGENTS_HTTP]",
        HelpName = "base url",
        Recursive = true,
    };

    public Option<string?> ApiKey { get; } = new("--api-key")
    {
        Description = "The sidecar's API key [env DURABLEAGENTS_API_KEY]",
        HelpName = "key",
        Recursive = true,
    };

    public Option<bool> Json { get; } = new("--json")
    {
        Description = "Write results as JSON, for scripts",
        Recursive = true,
    };

    public void AddTo(RootCommand root)
    {
        root.Add(Sidecar);
        root.Add(Http);
        root.Add(ApiKey);
        root.Add(Json);
    }

    public BackendSettings ResolveBackend(ParseResult parseResult, Func<string, string?> environment) =>
        BackendSettings.Resolve(parseResult.GetValue(Sidecar), parseResult.GetValue(Http), parseResult.GetValue(ApiKey), environment);
}
