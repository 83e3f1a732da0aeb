namespace DurableAgents.Management.Http;

/// <summary>
/// Checks instance ids and names from URLs and queries against the rules every door shares (<see cref="Identifiers"/>),
/// before they reach the client, and reports a break as a 400 problem naming the field.
/// </summary>
internal static class IdentifierRules
{
    public const int MaxLength = Identifiers.MaxLength;

    /// <summary>Validates a value from the URL or query; returns it with any still-escaped '/' or '\' decoded.</summary>
    public static string Validate(string? value, string field, IdentifierKind kind)
    {
        // The server leaves %2F and %5C escaped in route values; decode them here so they are refused like '/' and '\'.
        string? decoded = value?
            .Replace("%2F", "/", StringComparison.OrdinalIgnoreCase)
            .Replace("%5C", "\\", StringComparison.OrdinalIgnoreCase);
        if (Identifiers.Describe(decoded, kind) is { } problem)
        {
            throw Problems.Invalid(field, problem);
        }

        return decoded!;
    }

    public static string InstanceId(string? value, string field = "instanceId") => Validate(value, field, IdentifierKind.InstanceId);

    public static string Name(string? value, string field, IdentifierKind kind) => Validate(value, field, kind);
}
