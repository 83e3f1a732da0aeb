using System.Text.Json.Nodes;

namespace DurableAgents.StepFunctions.Equivalence.Tests.Equivalence;

/// <summary>How a run ended, in Step Functions' terms: the output, or the error name and cause.</summary>
internal sealed record RunOutcome(JsonNode? Output, string? Error, string? Cause)
{
    public bool Succeeded => Error is null;

    /// <summary>
    /// The outcome as compared between the two sides: the canonical output, or the error name with its cause. The
    /// cause is left out only for the engines' own <c>States.*</c> errors (a path that selects nothing, ...), whose
    /// wording is each engine's; the shipped workflows' Fail states and tasks name their errors outside the
    /// <c>States.</c> namespace, and their causes (the workflow's words, the task code's message) are compared.
    /// </summary>
    public string Describe() => Succeeded
        ? "succeeded " + CanonicalJson.Write(Output)
        : Error!.StartsWith("States.", StringComparison.Ordinal) ? $"failed {Error}" : $"failed {Error}: {Cause}";
}
