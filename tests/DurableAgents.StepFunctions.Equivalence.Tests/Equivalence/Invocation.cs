using System.Text.Json.Nodes;

namespace DurableAgents.StepFunctions.Equivalence.Tests.Equivalence;

/// <summary>One task a run asked for: an activity or agent call with its input, or an approval with its details.</summary>
/// <param name="Task">The activity name (InvokeAgent for agents) or <c>Approval {name}</c>.</param>
/// <param name="Input">The input as the task received it.</param>
internal sealed record Invocation(string Task, JsonNode? Input)
{
    /// <summary>The task and its input as canonical JSON (object keys sorted), so equal invocations read the same.</summary>
    public string Describe() => $"{Task} {CanonicalJson.Write(Input)}";
}
