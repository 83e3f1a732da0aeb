using System.Text.Json.Nodes;

namespace DurableAgents.StepFunctions;

/// <summary>The builder of a Pass state.</summary>
public sealed class PassStepBuilder : StepBuilder<PassStepBuilder>
{
    internal PassStepBuilder(PassState state)
        : base(state)
    {
    }

    /// <summary>ASL's <c>Result</c>: the fixed value placed at ResultPath.</summary>
    public PassStepBuilder Result(JsonNode? result) => Set((PassState)Current with { Result = result?.DeepClone() });
}
