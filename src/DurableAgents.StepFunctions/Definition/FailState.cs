namespace DurableAgents.StepFunctions;

/// <summary>ASL's Fail state: ends the run with an error name and a cause.</summary>
public sealed record FailState : State
{
    /// <inheritdoc/>
    public override string Type => "Fail";

    /// <summary>ASL's <c>Error</c>: the error name the run fails with.</summary>
    public string? Error { get; init; }

    /// <summary>ASL's <c>Cause</c>: a human-readable explanation.</summary>
    public string? Cause { get; init; }
}
