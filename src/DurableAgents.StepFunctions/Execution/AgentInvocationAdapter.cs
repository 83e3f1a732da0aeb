using System.Text.Json.Nodes;
using Microsoft.DurableTask;

namespace DurableAgents.StepFunctions.Execution;

/// <summary>
/// The one place Agent states meet the agents' InvokeAgent activity: the activity's name and its request shape
/// (<c>AgentName</c>, <c>Prompt</c>, <c>Context</c>), built as JSON so this project needs no reference to the agents.
/// The request's <c>Context</c> is the state's effective input as JSON text, so the agent sees the data it works on.
/// </summary>
internal static class AgentInvocationAdapter
{
    /// <summary>The agents' activity.</summary>
    public const string ActivityName = "InvokeAgent";

    /// <summary>Calls the agent; the result is the activity's result (the agent's answer with its usage).</summary>
    public static Task<JsonNode?> InvokeAsync(TaskOrchestrationContext context, string agentName, string prompt, JsonNode? effectiveInput, TaskOptions? options)
    {
        var request = new JsonObject
        {
            ["AgentName"] = agentName,
            ["Prompt"] = prompt,
            ["Context"] = effectiveInput is null ? null : DataFlow.JsonText.Write(effectiveInput),
        };
        return context.CallActivityAsync<JsonNode?>(ActivityName, request, options);
    }
}
