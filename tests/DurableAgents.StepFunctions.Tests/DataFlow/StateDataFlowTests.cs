using System.Text.Json.Nodes;
using DurableAgents.StepFunctions.DataFlow;

namespace DurableAgents.StepFunctions.Tests.DataFlow;

/// <summary>The examples of the Step Functions guide's "input and output processing" pages: input, path, expected output.</summary>
public sealed class StateDataFlowTests
{
    private const string ResultPathInput = """{"comment":"This is a test","details":"Default example","who":"Step Functions"}""";
    private static readonly JsonNode Result = JsonValue.Create("Hello, Step Functions!");

    [Fact]
    public void ResultPath_Dollar_ReplacesTheInputWithTheResult() =>
        JsonAssert.Equal("\"Hello, Step Functions!\"", StateDataFlow.ApplyResultPath(JsonNode.Parse(ResultPathInput), Result, "$"));

    [Fact]
    public void ResultPath_Null_DiscardsTheResultAndKeepsTheInput() =>
        JsonAssert.Equal(ResultPathInput, StateDataFlow.ApplyResultPath(JsonNode.Parse(ResultPathInput), Result, null));

    [Fact]
    public void ResultPath_Path_IncludesTheResultWithTheInput() =>
        JsonAssert.Equal(
            """{"comment":"This is a test","details":"Default example","who":"Step Functions","taskresult":"Hello, Step Functions!"}""",
            StateDataFlow.ApplyResultPath(JsonNode.Parse(ResultPathInput), Result, "$.taskresult"));

    [Fact]
    public void ResultPath_NestedPath_UpdatesANodeInTheInput() =>
        JsonAssert.Equal(
            """{"comment":"An input comment.","data":{"val1":23,"val2":17},"extra":"foo","lambda":{"who":"AWS Step Functions"},"strings":{"lambdaresult":"Hello, AWS Step Functions!"}}""",
            StateDataFlow.ApplyResultPath(
                JsonNode.Parse("""{"comment":"An input comment.","data":{"val1":23,"val2":17},"extra":"foo","lambda":{"who":"AWS Step Functions"}}"""),
                JsonValue.Create("Hello, AWS Step Functions!"),
                "$.strings.lambdaresult"));

    [Fact]
    public void ResultPath_ErrorObjectOfACatcher_IsPlacedInTheInput() =>
        JsonAssert.Equal(
            """{"foo":"bar","error":{"Error":"States.TaskFailed","Cause":"boom"}}""",
            StateDataFlow.ApplyResultPath(JsonNode.Parse("""{"foo":"bar"}"""), JsonNode.Parse("""{"Error":"States.TaskFailed","Cause":"boom"}"""), "$.error"));

    [Fact]
    public void InputPath_SelectsPartOfTheInput()
    {
        DataFlowScope scope = TestScope.Of("{}");

        JsonAssert.Equal("""{"val1":"a","val2":"b","val3":"c"}""", StateDataFlow.ApplyInputPath(
            JsonNode.Parse("""{"comment":"Example for InputPath.","dataset1":{"val1":1,"val2":2,"val3":3},"dataset2":{"val1":"a","val2":"b","val3":"c"}}"""),
            "$.dataset2", scope));
    }

    [Fact]
    public void InputPath_Null_GivesAnEmptyObject() =>
        JsonAssert.Equal("{}", StateDataFlow.ApplyInputPath(JsonNode.Parse("""{"a":1}"""), null, TestScope.Of("{}")));

    [Fact]
    public void InputPath_MissingPath_FailsWithStatesRuntime()
    {
        var failure = Assert.Throws<StatesErrorException>(() => StateDataFlow.ApplyInputPath(JsonNode.Parse("""{"a":1}"""), "$.b", TestScope.Of("{}")));

        Assert.Equal("States.Runtime", failure.Error);
        Assert.Contains("InputPath '$.b'", failure.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void OutputPath_SelectsPartOfTheOutput() =>
        JsonAssert.Equal("""{"val1":23,"val2":17}""", StateDataFlow.ApplyOutputPath(
            JsonNode.Parse("""{"comment":"An input comment.","data":{"val1":23,"val2":17},"extra":"foo"}"""), "$.data", TestScope.Of("{}")));

    [Fact]
    public void Parameters_DollarKeysTakePathsAndOtherKeysStayStatic() =>
        JsonAssert.Equal(
            """{"comment":"Selecting what I care about.","MyDetails":{"size":"small","exists":"in stock","StaticValue":"foo"}}""",
            StateDataFlow.ApplyTemplate(
                JsonNode.Parse("""{"comment":"Selecting what I care about.","MyDetails":{"size.$":"$.product.details.size","exists.$":"$.product.availability","StaticValue":"foo"}}"""),
                TestScope.Of("""{"comment":"Example for Parameters.","product":{"details":{"color":"blue","size":"small","material":"cotton"},"availability":"in stock","sku":"2317","cost":"$23"}}""")));

    [Fact]
    public void Parameters_ContextObjectAndIntrinsic_AreResolved() =>
        JsonAssert.Equal(
            """{"name":"Greet","greeting":"Hello, Ana!","items":[{"k":1}]}""",
            StateDataFlow.ApplyTemplate(
                JsonNode.Parse("""{"name.$":"$$.State.Name","greeting.$":"States.Format('Hello, {}!', $.who)","items":[{"k.$":"$.n"}]}"""),
                TestScope.Of("""{"who":"Ana","n":1}""", """{"State":{"Name":"Greet"}}""")));

    [Fact]
    public void Parameters_MissingPath_FailsWithParameterPathFailure()
    {
        var failure = Assert.Throws<StatesErrorException>(() =>
            StateDataFlow.ApplyTemplate(JsonNode.Parse("""{"x.$":"$.missing"}"""), TestScope.Of("{}")));

        Assert.Equal("States.ParameterPathFailure", failure.Error);
    }

    [Fact]
    public void ResultSelector_BuildsANewResultFromTheRawResult() =>
        JsonAssert.Equal(
            """{"ClusterId":"AKIAIOSFODNN7EXAMPLE","ResourceType":"elasticmapreduce"}""",
            StateDataFlow.ApplyTemplate(
                JsonNode.Parse("""{"ClusterId.$":"$.output.ClusterId","ResourceType.$":"$.resourceType"}"""),
                TestScope.Of("""{"resourceType":"elasticmapreduce","resource":"createCluster.sync","output":{"SdkHttpMetadata":{"HttpStatusCode":200},"ClusterId":"AKIAIOSFODNN7EXAMPLE"}}""")));

    [Fact]
    public void Template_Null_PassesTheDataOn() =>
        JsonAssert.Equal("""{"a":1}""", StateDataFlow.ApplyTemplate(null, TestScope.Of("""{"a":1}""")));
}
