namespace DurableAgents.Workflows.Declarative.Refunds;

/// <summary>The refund request cannot be processed (no order id, or an amount out of range); not worth retrying. Its type name is the error name RefundSaga's Retry and Catch match.</summary>
public sealed class InvalidRefundException : Exception
{
    /// <summary>Creates the exception.</summary>
    public InvalidRefundException()
    {
    }

    /// <summary>Creates the exception with its message.</summary>
    public InvalidRefundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public InvalidRefundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
