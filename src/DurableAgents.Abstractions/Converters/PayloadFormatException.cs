namespace DurableAgents.Converters;

/// <summary>A payload could not be converted to the type the code asked for.</summary>
public sealed class PayloadFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PayloadFormatException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
