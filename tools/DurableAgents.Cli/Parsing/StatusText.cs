namespace DurableAgents.Cli.Parsing;

/// <summary>Reads runtime status lists such as <c>Running,Completed</c> (any case; the option may also be repeated).</summary>
internal static class StatusText
{
    public static bool TryParse(IEnumerable<string> tokens, out IReadOnlyCollection<OrchestrationStatus> statuses, out string error)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        var parsed = new List<OrchestrationStatus>();
        foreach (string token in tokens)
        {
            foreach (string part in token.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                // Enum.TryParse also accepts numbers; statuses are names on the command line.
                if (int.TryParse(part, out _) || !Enum.TryParse(part, ignoreCase: true, out OrchestrationStatus status) || !Enum.IsDefined(status))
                {
                    statuses = [];
                    error = $"'{part}' is not a runtime status. Use a comma-separated list of: {string.Join(", ", Enum.GetNames<OrchestrationStatus>())}.";
                    return false;
                }

                if (!parsed.Contains(status))
                {
                    parsed.Add(status);
                }
            }
        }

        statuses = parsed;
        error = string.Empty;
        return true;
    }
}
