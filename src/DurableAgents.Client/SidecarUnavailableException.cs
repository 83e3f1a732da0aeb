namespace DurableAgents.Client;

/// <summary>The sidecar could not be reached (nothing listening at the address) or is shutting down.</summary>
public sealed class SidecarUnavailableException : Exception
{
    /// <summary>Creates the exception for the sidecar at <paramref name="address"/>.</summary>
    public SidecarUnavailableException(string address, string detail, Exception? innerException)
        : base($"The DurableAgents sidecar at {address} is not available: {detail} Check that the sidecar is running and that the client's address (UseGrpc) is right.", innerException)
    {
        Address = address;
    }

    /// <summary>Creates the exception with a message.</summary>
    public SidecarUnavailableException(string message)
        : base(message)
    {
        Address = string.Empty;
    }

    /// <summary>Creates the exception with a message and cause.</summary>
    public SidecarUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
        Address = string.Empty;
    }

    /// <summary>Creates the exception without details.</summary>
    public SidecarUnavailableException()
        : this("The DurableAgents sidecar is not available.")
    {
    }

    /// <summary>The address the client tried.</summary>
    public string Address { get; }
}
