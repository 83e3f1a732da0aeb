using System.Text.Json.Nodes;

namespace DurableAgents.StepFunctions;

/// <summary>
/// A state of a workflow with the fields ASL gives states. Every state type carries every common field so that a
/// definition can say something ASL does not allow (a Retry on a Pass state, say) and validation can name the state and
/// the reason, instead of the mistake being impossible to report. <see cref="Validation.DefinitionValidator"/> applies
/// ASL's table of which field each type may have.
/// </summary>
public abstract record State
{
    /// <summary>The state's name, unique in its machine (at most 80 characters in ASL).</summary>
    public required string Name { get; init; }

    /// <summary>ASL's <c>Type</c> field for this state.</summary>
    public abstract string Type { get; }

    /// <summary>A description for people.</summary>
    public string? Comment { get; init; }

    /// <summary>ASL's <c>InputPath</c>: the part of the state input the state sees; null means an empty object.</summary>
    public string? InputPath { get; init; } = "$";

    /// <summary>ASL's <c>OutputPath</c>: the part of the state output passed on; null means an empty object.</summary>
    public string? OutputPath { get; init; } = "$";

    /// <summary>ASL's <c>Parameters</c> template (keys ending in <c>.$</c> take paths or intrinsic functions).</summary>
    public JsonNode? Parameters { get; init; }

    /// <summary>ASL's <c>ResultSelector</c> template applied to a task's raw result.</summary>
    public JsonNode? ResultSelector { get; init; }

    /// <summary>ASL's <c>ResultPath</c>: where the result goes in the input; null discards the result and passes the input on.</summary>
    public string? ResultPath { get; init; } = "$";

    /// <summary>The state that follows; null when the state ends its machine or chooses its successor itself.</summary>
    public string? Next { get; init; }

    /// <summary>ASL's <c>End</c>: true when the state ends its machine.</summary>
    public bool End { get; init; }

    /// <summary>ASL's <c>Retry</c>: retriers tried in order when the state fails.</summary>
    public IReadOnlyList<Retrier> Retry { get; init; } = [];

    /// <summary>ASL's <c>Catch</c>: catchers tried in order once retries are exhausted.</summary>
    public IReadOnlyList<Catcher> Catch { get; init; } = [];

    /// <summary>
    /// Not ASL: an activity that undoes this state's effect, run (in reverse order of completion) when the workflow fails
    /// after this state succeeded. Only task states (Activity, Agent) may have one.
    /// </summary>
    public string? CompensationActivity { get; init; }
}
