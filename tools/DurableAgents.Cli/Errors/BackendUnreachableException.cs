namespace DurableAgents.Cli.Errors;

/// <summary>Nothing answered at the address the CLI was pointed at; exit code 3.</summary>
internal sealed class BackendUnreachableException : Exception
{
    public BackendUnreachableException(string message)
        : base(message)
    {
    }

    public BackendUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BackendUnreachableException()
        : this("The sidecar could not be reached.")
    {
    }
}
