namespace DurableAgents.Workflows.Declarative.Refunds;

/// <summary>The customer could not be told about the refund. Its type name is the error name RefundSaga's Retry and Catch match.</summary>
public sealed class CustomerUnreachableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public CustomerUnreachableException()
    {
    }

    /// <summary>Creates the exception with its message.</summary>
    public CustomerUnreachableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public CustomerUnreachableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
