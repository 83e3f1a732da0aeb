namespace DurableAgents.Cli.Errors;

/// <summary>The command line cannot be carried out as written (bad JSON, conflicting options, ...); exit code 2.</summary>
internal sealed class CliUsageException : Exception
{
    public CliUsageException(string message)
        : base(message)
    {
    }

    public CliUsageException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CliUsageException()
        : this("The command line is not valid.")
    {
    }
}
