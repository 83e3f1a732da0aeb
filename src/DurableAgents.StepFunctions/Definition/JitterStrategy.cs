namespace DurableAgents.StepFunctions;

/// <summary>ASL's <c>JitterStrategy</c> of a retrier.</summary>
public enum JitterStrategy
{
    /// <summary><c>NONE</c>: the delay is the backoff interval.</summary>
    None,

    /// <summary><c>FULL</c>: the delay is a random value between 0 and the backoff interval.</summary>
    Full,
}
