namespace DurableAgents.Management.Http;

/// <summary>
/// Checks instance ids and names before they reach the store: 1-100 characters, no control characters, and none of
/// '/', '\', '#', '?' (they would break the URLs the API hands out).
/// </summary>
internal static class IdentifierRules
{
    public const int MaxLength = 100;

    /// <summary>Validates a value from the URL or query; returns it with any still-escaped '/' or '\' decoded.</summary>
    public static string Validate(string? value, string field, string what)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw Problems.Invalid(field, $"The {what} ('{field}') must not be empty.");
        }

        // The server leaves %2F and %5C escaped in route values; decode them here so they are refused like '/' and '\'.
        string decoded = value
            .Replace("%2F", "/", StringComparison.OrdinalIgnoreCase)
            .Replace("%5C", "\\", StringComparison.OrdinalIgnoreCase);
        if (decoded.Length > MaxLength)
        {
            throw Problems.Invalid(field, $"The {what} ('{field}') is {decoded.Length} characters long; at most {MaxLength} are allowed.");
        }

        foreach (char c in decoded)
        {
            if (char.IsControl(c))
            {
                throw Problems.Invalid(field, $"The {what} ('{field}') contains the control character U+{(int)c:X4}; control characters are not allowed.");
            }

            if (c is '/' or '\\' or '#' or '?')
            {
                throw Problems.Invalid(field, $"The {what} ('{field}') contains '{c}'; the characters '/', '\\', '#' and '?' are not allowed.");
            }
        }

        return decoded;
    }

    public static string InstanceId(string? value, string field = "instanceId") => Validate(value, field, "instance id");

    public static string Name(string? value, string field) => Validate(value, field, "name");
}
