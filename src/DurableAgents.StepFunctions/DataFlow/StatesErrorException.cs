namespace DurableAgents.StepFunctions.DataFlow;

/// <summary>A failure with an ASL error name and cause, as Retry and Catch match it.</summary>
public sealed class StatesErrorException : Exception
{
    /// <summary>Creates the failure.</summary>
    public StatesErrorException(string error, string cause)
        : base($"{error}: {cause}")
    {
        Error = error;
        Cause = cause;
    }

    /// <summary>The error name (e.g. States.Runtime).</summary>
    public string Error { get; }

    /// <summary>The explanation.</summary>
    public string Cause { get; }
}
