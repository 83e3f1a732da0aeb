namespace DurableAgents;

/// <summary>
/// The one set of rules for instance ids, orchestrator names and event names, applied at every door (the engine for the
/// gRPC service and the in-process client, the HTTP API, the CLI): 1 to <see cref="MaxLength"/> characters, no control
/// characters, and none of '/', '\', '#', '?'.
/// </summary>
/// <remarks>
/// The characters are refused because the HTTP API puts ids and names in URL paths (and hands those URLs out), where
/// they would split or end the path; the length keeps ids readable in URLs, logs and tables. Every door refuses the same
/// values with the same message, so an instance started through one door can always be addressed through the others.
/// </remarks>
public static class Identifiers
{
    /// <summary>The longest id or name allowed, in UTF-16 characters.</summary>
    public const int MaxLength = 100;

    /// <summary>Says what is wrong with <paramref name="value"/> as a <paramref name="kind"/>, or returns null when it is valid.</summary>
    public static string? Describe(string? value, IdentifierKind kind)
    {
        string what = Noun(kind);
        if (string.IsNullOrEmpty(value))
        {
            return $"The {what} must not be empty.";
        }

        if (value.Length > MaxLength)
        {
            return $"The {what} is {value.Length} characters long; at most {MaxLength} are allowed.";
        }

        foreach (char c in value)
        {
            if (char.IsControl(c))
            {
                return $"The {what} contains the control character U+{(int)c:X4}; control characters are not allowed.";
            }

            if (c is '/' or '\\' or '#' or '?')
            {
                return $"The {what} contains '{c}'; the characters '/', '\\', '#' and '?' are not allowed.";
            }
        }

        return null;
    }

    /// <summary>Throws <see cref="InvalidIdentifierException"/> unless <paramref name="value"/> is a valid <paramref name="kind"/>.</summary>
    /// <param name="value">The id or name.</param>
    /// <param name="kind">What it names.</param>
    /// <param name="paramName">The parameter or field that carried it, for the exception.</param>
    public static void Validate(string? value, IdentifierKind kind, string? paramName = null)
    {
        if (Describe(value, kind) is { } problem)
        {
            throw new InvalidIdentifierException(kind, problem, paramName);
        }
    }

    /// <summary>How messages name <paramref name="kind"/> ("instance id", "event name", ...).</summary>
    public static string Noun(IdentifierKind kind) => kind switch
    {
        IdentifierKind.InstanceId => "instance id",
        IdentifierKind.InstanceIdPrefix => "instance id prefix",
        IdentifierKind.OrchestratorName => "orchestrator name",
        IdentifierKind.EventName => "event name",
        IdentifierKind.ApprovalName => "approval name",
        _ => "name",
    };
}
