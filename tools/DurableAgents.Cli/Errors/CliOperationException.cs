namespace DurableAgents.Cli.Errors;

/// <summary>The sidecar or HTTP API refused or could not carry out the operation; exit code 1.</summary>
internal sealed class CliOperationException : Exception
{
    public CliOperationException(string message)
        : base(message)
    {
    }

    public CliOperationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CliOperationException()
        : this("The operation failed.")
    {
    }
}
