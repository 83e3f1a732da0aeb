using System.Text.Json.Nodes;
using DurableAgents.StepFunctions.DataFlow;

namespace DurableAgents.StepFunctions.Tests.DataFlow;

public sealed class ContextObjectTests
{
    private static readonly DateTime Start = new(2019, 3, 26, 20, 14, 13, 192, DateTimeKind.Utc);

    [Fact]
    public void ForExecution_HasTheExecutionFields() =>
        JsonAssert.Equal(
            """{"Execution":{"Id":"run-1","Name":"run-1","Input":{"a":1},"StartTime":"2019-03-26T20:14:13.192Z"},"StateMachine":{"Id":"Review","Name":"Review"}}""",
            ContextObject.ForExecution("run-1", "Review", JsonNode.Parse("""{"a":1}"""), Start));

    [Fact]
    public void ForState_AddsTheStateAndKeepsTheOriginal()
    {
        JsonObject execution = ContextObject.ForExecution("run-1", "Review", null, Start);

        JsonObject state = ContextObject.ForState(execution, "Draft", Start.AddSeconds(1), retryCount: 2);

        JsonAssert.Equal("""{"Name":"Draft","EnteredTime":"2019-03-26T20:14:14.192Z","RetryCount":2}""", state["State"]);
        Assert.Null(execution["State"]);
    }

    [Fact]
    public void ForMapItem_AndTaskToken_AreReadableByPaths()
    {
        JsonObject context = ContextObject.WithTaskToken(ContextObject.ForMapItem(ContextObject.ForExecution("r", "W", null, Start), 3, JsonValue.Create("x")), "token-1");
        DataFlowScope scope = new(new JsonObject(), context, Guid.NewGuid);

        JsonAssert.Equal("""{"i":3,"v":"x","t":"token-1"}""",
            StateDataFlow.ApplyTemplate(JsonNode.Parse("""{"i.$":"$$.Map.Item.Index","v.$":"$$.Map.Item.Value","t.$":"$$.Task.Token"}"""), scope));
    }
}
