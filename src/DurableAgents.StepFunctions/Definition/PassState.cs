using System.Text.Json.Nodes;

namespace DurableAgents.StepFunctions;

/// <summary>ASL's Pass state: passes its input on, or a fixed <see cref="Result"/>, shaped by the data-flow fields.</summary>
public sealed record PassState : State
{
    /// <inheritdoc/>
    public override string Type => "Pass";

    /// <summary>ASL's <c>Result</c>: the fixed result placed at ResultPath; null means the effective input is the result.</summary>
    public JsonNode? Result { get; init; }
}
