namespace DurableAgents.StepFunctions.Validation;

/// <summary>One reason a definition is not valid.</summary>
/// <param name="Location">Where: the workflow, or the state (with the branch or item processor it sits in).</param>
/// <param name="Reason">What is wrong and what ASL expects.</param>
public sealed record DefinitionError(string Location, string Reason)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Location}: {Reason}";
}
