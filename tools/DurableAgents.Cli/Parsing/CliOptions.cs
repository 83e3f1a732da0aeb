using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text.Json;

namespace DurableAgents.Cli.Parsing;

/// <summary>Options whose values are checked while parsing, so mistakes are usage errors (exit code 2) before anything is sent.</summary>
internal static class CliOptions
{
    public static Option<JsonElement?> Json(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "json",
        CustomParser = result =>
        {
            if (JsonText.TryParse(name, result.Tokens[0].Value, out JsonElement value, out string error))
            {
                return value;
            }

            result.AddError(error);
            return null;
        },
    };

    public static Option<DateTimeOffset?> Time(string name, string description, TimeProvider time) => new(name)
    {
        Description = description,
        HelpName = "time",
        CustomParser = result =>
        {
            if (TimeText.TryParse(result.Tokens[0].Value, time.GetUtcNow(), out DateTimeOffset value, out string error))
            {
                return value;
            }

            result.AddError($"{name}: {error}");
            return null;
        },
    };

    public static Option<IReadOnlyCollection<OrchestrationStatus>?> Statuses(string name, string description, bool terminalOnly = false) => new(name)
    {
        Description = description,
        HelpName = "status,...",
        Arity = ArgumentArity.OneOrMore,
        CustomParser = result =>
        {
            if (!StatusText.TryParse(result.Tokens.Select(token => token.Value), out IReadOnlyCollection<OrchestrationStatus> statuses, out string error))
            {
                result.AddError($"{name}: {error}");
                return null;
            }

            foreach (OrchestrationStatus status in statuses)
            {
                if (terminalOnly && !status.IsTerminal())
                {
                    result.AddError($"{name}: only finished instances can be purged; '{status}' is not a final status. Use Completed, Failed, Terminated or Canceled.");
                    return null;
                }
            }

            return statuses;
        },
    };

    public static Option<string?> Text(string name, string description, string helpName) => new(name)
    {
        Description = description,
        HelpName = helpName,
    };
}
