using System.Text.Json.Nodes;
using DurableAgents.StepFunctions.DataFlow;

namespace DurableAgents.StepFunctions.Tests.DataFlow;

/// <summary>Data-flow scopes for tests: fixed context object and a counter for UUIDs.</summary>
internal static class TestScope
{
    public static DataFlowScope Of(string dataJson, string contextJson = "{}")
    {
        int next = 0;
        return new DataFlowScope(JsonNode.Parse(dataJson), JsonNode.Parse(contextJson), () => new Guid(++next, 0, 0, new byte[8]));
    }
}
