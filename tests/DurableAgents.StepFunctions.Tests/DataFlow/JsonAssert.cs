using System.Text.Json.Nodes;

namespace DurableAgents.StepFunctions.Tests.DataFlow;

/// <summary>Compares JSON by value, with the expected side written as JSON text.</summary>
internal static class JsonAssert
{
    public static void Equal(string expectedJson, JsonNode? actual)
    {
        JsonNode? expected = JsonNode.Parse(expectedJson);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"Expected {expected?.ToJsonString() ?? "null"} but got {actual?.ToJsonString() ?? "null"}");
    }
}
