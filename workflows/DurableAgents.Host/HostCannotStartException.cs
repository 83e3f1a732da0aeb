namespace DurableAgents.Host;

/// <summary>
/// The all-in-one host cannot start, and nothing was opened or changed: an endpoint cannot be listened on or a setting is
/// invalid. The message is one line that names the setting to change.
/// </summary>
public sealed class HostCannotStartException : Exception
{
    /// <summary>Creates the exception with its one-line message.</summary>
    public HostCannotStartException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its one-line message and the error behind it.</summary>
    public HostCannotStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a generic message.</summary>
    public HostCannotStartException()
        : base("The host cannot start.")
    {
    }
}
