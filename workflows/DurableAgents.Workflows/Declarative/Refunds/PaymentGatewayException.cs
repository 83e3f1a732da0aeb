namespace DurableAgents.Workflows.Declarative.Refunds;

/// <summary>The payment gateway did not pay the refund out; a later attempt may succeed. Its type name is the error name RefundSaga's Retry and Catch match.</summary>
public sealed class PaymentGatewayException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PaymentGatewayException()
    {
    }

    /// <summary>Creates the exception with its message.</summary>
    public PaymentGatewayException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    public PaymentGatewayException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
