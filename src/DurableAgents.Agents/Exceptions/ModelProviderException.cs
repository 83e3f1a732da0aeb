namespace DurableAgents.Agents;

/// <summary>A model provider (Bedrock, an OpenAI-compatible server) failed to answer a chat request.</summary>
public class ModelProviderException : Exception
{
    /// <summary>Creates the exception with a generic message.</summary>
    public ModelProviderException()
        : this("The model provider failed to answer the request.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ModelProviderException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public ModelProviderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with everything the caller needs to decide what to do next.</summary>
    /// <param name="message">What went wrong and what to check.</param>
    /// <param name="provider">The provider name (see <see cref="ModelProviders"/>).</param>
    /// <param name="statusCode">The HTTP status code, when the provider answered.</param>
    /// <param name="errorCode">The provider's error code (e.g. ThrottlingException), when known.</param>
    /// <param name="isRetryable">True when the same request may succeed later (throttling, 5xx, network).</param>
    /// <param name="innerException">The exception that caused this one, if any.</param>
    public ModelProviderException(
        string message,
        string provider,
        int? statusCode,
        string? errorCode,
        bool isRetryable,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Provider = provider;
        StatusCode = statusCode;
        ErrorCode = errorCode;
        IsRetryable = isRetryable;
    }

    /// <summary>The provider name (see <see cref="ModelProviders"/>).</summary>
    public string? Provider { get; }

    /// <summary>The HTTP status code the provider answered with; null when no answer arrived.</summary>
    public int? StatusCode { get; }

    /// <summary>The provider's error code, e.g. ThrottlingException or ValidationException.</summary>
    public string? ErrorCode { get; }

    /// <summary>True when retrying the same request later may succeed.</summary>
    public bool IsRetryable { get; }

    /// <summary>How long the provider asked the caller to wait (Retry-After), when it said so.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
