using System.Text.Json.Nodes;

namespace DurableAgents.StepFunctions;

/// <summary>ASL's Map state (inline mode): runs <see cref="ItemProcessor"/> for each item of an array; the result is the outputs in item order.</summary>
public sealed record MapState : State
{
    /// <inheritdoc/>
    public override string Type => "Map";

    /// <summary>ASL's <c>ItemsPath</c>: the array in the effective input.</summary>
    public string ItemsPath { get; init; } = "$";

    /// <summary>ASL's <c>MaxConcurrency</c>: how many items run at once; 0 means no limit.</summary>
    public int MaxConcurrency { get; init; }

    /// <summary>ASL's <c>ItemSelector</c>: a template for each item's input (reads <c>$$.Map.Item.Value</c> and <c>.Index</c>).</summary>
    public JsonNode? ItemSelector { get; init; }

    /// <summary>ASL's <c>ItemProcessor</c> (formerly <c>Iterator</c>): the machine run for each item; required.</summary>
    public StateMachine? ItemProcessor { get; init; }
}
