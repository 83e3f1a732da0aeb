namespace DurableAgents.StepFunctions;

/// <summary>
/// ASL's catcher: when the state fails with one of <see cref="ErrorEquals"/> after its retries, the error object
/// <c>{"Error","Cause"}</c> is placed at <see cref="ResultPath"/> of the state's raw input and the run goes to <see cref="Next"/>.
/// </summary>
/// <param name="ErrorEquals">The error names this catcher handles (States.ALL matches any).</param>
/// <param name="Next">The state to go to.</param>
public sealed record Catcher(IReadOnlyList<string> ErrorEquals, string Next)
{
    /// <summary>ASL's <c>ResultPath</c> for the error object; null passes the input on unchanged.</summary>
    public string? ResultPath { get; init; } = "$";
}
