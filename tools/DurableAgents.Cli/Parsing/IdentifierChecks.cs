using System.CommandLine;

namespace DurableAgents.Cli.Parsing;

/// <summary>
/// Checks ids and names against the rules every door of the sidecar applies (<see cref="Identifiers"/>) while parsing,
/// so a value the sidecar would refuse is a usage error (exit code 2) with the sidecar's own message, before anything is sent.
/// </summary>
internal static class IdentifierChecks
{
    public static void Require(Option<string?> option, IdentifierKind kind) =>
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } value && Identifiers.Describe(value, kind) is { } problem)
            {
                result.AddError($"{option.Name}: {problem}");
            }
        });

    public static void Require(Argument<string> argument, IdentifierKind kind) =>
        argument.Validators.Add(result =>
        {
            if (Identifiers.Describe(result.GetValueOrDefault<string>(), kind) is { } problem)
            {
                result.AddError(problem);
            }
        });
}
