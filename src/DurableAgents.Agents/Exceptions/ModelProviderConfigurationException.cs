namespace DurableAgents.Agents;

/// <summary>A model client cannot be used as configured (missing region, credentials, endpoint or model).</summary>
public sealed class ModelProviderConfigurationException : Exception, INonRetriableFailure
{
    /// <summary>Creates the exception with a generic message.</summary>
    public ModelProviderConfigurationException()
        : base("The model provider is not configured correctly.")
    {
    }

    /// <summary>Creates the exception with a message that says what to configure.</summary>
    public ModelProviderConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the exception that caused it.</summary>
    public ModelProviderConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
