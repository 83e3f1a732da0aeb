namespace DurableAgents.Agents;

/// <summary>
/// The provider rejected the request for a reason a retry cannot fix (validation, access, unknown model,
/// bad credentials). Non-retriable: durable retry policies skip it.
/// </summary>
public sealed class ModelRequestRejectedException : ModelProviderException, INonRetriableFailure
{
    /// <summary>Creates the exception with a generic message.</summary>
    public ModelRequestRejectedException()
        : base("The model provider rejected the request.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ModelRequestRejectedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public ModelRequestRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a provider answer.</summary>
    public ModelRequestRejectedException(string message, string provider, int? statusCode, string? errorCode)
        : base(message, provider, statusCode, errorCode, isRetryable: false)
    {
    }
}
