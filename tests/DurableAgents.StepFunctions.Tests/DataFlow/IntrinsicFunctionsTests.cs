using System.Text.Json.Nodes;
using DurableAgents.StepFunctions.DataFlow;

namespace DurableAgents.StepFunctions.Tests.DataFlow;

/// <summary>The examples of the Step Functions guide's intrinsic-functions page, and their failures.</summary>
public sealed class IntrinsicFunctionsTests
{
    private static JsonNode? Eval(string expression, string input, string context = "{}") =>
        IntrinsicFunctions.Evaluate(expression, TestScope.Of(input, context));

    [Fact]
    public void Format_FillsPlaceholdersInOrder() =>
        JsonAssert.Equal("\"Hello, my name is Arnav.\"", Eval("States.Format('Hello, my name is {}.', $.name)", """{"name":"Arnav"}"""));

    [Fact]
    public void Format_NumbersBooleansNullAndEscapes() =>
        JsonAssert.Equal("\"{} 3 1.5 true null it's\"",
            Eval(@"States.Format('\{\} {} {} {} {} it\'s', $.i, $.d, $.b, $.n)", """{"i":3,"d":1.5,"b":true,"n":null}"""));

    [Fact]
    public void Format_PlaceholderCountMismatch_FailsWithIntrinsicFailure()
    {
        var failure = Assert.Throws<StatesErrorException>(() => Eval("States.Format('{} {}', $.a)", """{"a":1}"""));

        Assert.Equal("States.IntrinsicFailure", failure.Error);
        Assert.Contains("placeholders", failure.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_ObjectValue_FailsWithIntrinsicFailure() =>
        Assert.Equal("States.IntrinsicFailure", Assert.Throws<StatesErrorException>(() => Eval("States.Format('{}', $.o)", """{"o":{"a":1}}""")).Error);

    [Fact]
    public void StringToJson_ParsesEscapedJson() =>
        JsonAssert.Equal("""{"foo":"bar"}""", Eval("States.StringToJson($.escapedJsonString)", """{"escapedJsonString":"{\"foo\": \"bar\"}"}"""));

    [Fact]
    public void StringToJson_NotJson_FailsWithIntrinsicFailure() =>
        Assert.Equal("States.IntrinsicFailure", Assert.Throws<StatesErrorException>(() => Eval("States.StringToJson($.s)", """{"s":"{oops"}""")).Error);

    [Fact]
    public void JsonToString_SerialisesThePathValue() =>
        JsonAssert.Equal("\"{\\\"foo\\\":\\\"bar\\\",\\\"baz\\\":5}\"", Eval("States.JsonToString($.unescapedJson)", """{"unescapedJson":{"foo":"bar","baz":5}}"""));

    [Fact]
    public void JsonToString_EscapesOnlyWhatJsonRequires_AsStepFunctionsDoes()
    {
        JsonNode? text = Eval("States.JsonToString($.v)", """{"v":{"msg":"it's \"Mai\" <b> & 5€\nnext"}}""");

        Assert.Equal("{\"msg\":\"it's \\\"Mai\\\" <b> & 5€\\nnext\"}", text!.GetValue<string>());
    }

    [Fact]
    public void JsonToString_WritesEmojiLineSeparatorsAndFormatCharactersAsTheyAre()
    {
        const string message = "ok \U0001F600 a\u2028b\u2029c zero\u200Bwidth soft\u00ADhyphen";
        var input = new JsonObject { ["v"] = new JsonObject { ["msg"] = message } };

        JsonNode? text = IntrinsicFunctions.Evaluate("States.JsonToString($.v)", TestScope.Of(input.ToJsonString(), "{}"));

        Assert.Equal("{\"msg\":\"" + message + "\"}", text!.GetValue<string>());
    }

    [Fact]
    public void JsonToString_EscapesControlCharactersAsJsonStringifyDoes()
    {
        var input = new JsonObject { ["v"] = "a\u0001\b\t\f\r\u001F\u007Fz" };

        JsonNode? text = IntrinsicFunctions.Evaluate("States.JsonToString($.v)", TestScope.Of(input.ToJsonString(), "{}"));

        Assert.Equal("\"a\\u0001\\b\\t\\f\\r\\u001f\u007Fz\"", text!.GetValue<string>());
    }

    [Fact]
    public void Array_CollectsArgumentsInOrder() =>
        JsonAssert.Equal("""[123456,"x",[1],null]""", Eval("States.Array($.Id, 'x', States.Array(1), null)", """{"Id":123456}"""));

    [Fact]
    public void ArrayLength_CountsItems() =>
        JsonAssert.Equal("9", Eval("States.ArrayLength($.inputArray)", """{"inputArray":[1,2,3,4,5,6,7,8,9]}"""));

    [Fact]
    public void MathAdd_AddsIntegers() =>
        JsonAssert.Equal("110", Eval("States.MathAdd($.value1, $.step)", """{"value1":111,"step":-1}"""));

    [Fact]
    public void MathAdd_NonInteger_FailsWithIntrinsicFailure() =>
        Assert.Equal("States.IntrinsicFailure", Assert.Throws<StatesErrorException>(() => Eval("States.MathAdd($.a, 1)", """{"a":1.5}""")).Error);

    [Fact]
    public void JsonMerge_ShallowMerge_RightWins() =>
        JsonAssert.Equal("""{"a":{"a3":1,"a4":2},"b":2,"c":3}""",
            Eval("States.JsonMerge($.json1, $.json2, false)", """{"json1":{"a":{"a1":1,"a2":2},"b":2},"json2":{"a":{"a3":1,"a4":2},"c":3}}"""));

    [Fact]
    public void JsonMerge_DeepMode_FailsWithIntrinsicFailure() =>
        Assert.Equal("States.IntrinsicFailure", Assert.Throws<StatesErrorException>(() => Eval("States.JsonMerge($.a, $.a, true)", """{"a":{}}""")).Error);

    [Fact]
    public void Uuid_ComesFromTheScopesGuidSource()
    {
        var guid = Guid.Parse("3e2a1f5c-0d7b-4c1e-9f6a-2b8d4e6c8a01");
        var scope = new DataFlowScope(new JsonObject(), new JsonObject(), () => guid);

        JsonAssert.Equal("\"3e2a1f5c-0d7b-4c1e-9f6a-2b8d4e6c8a01\"", IntrinsicFunctions.Evaluate("States.UUID()", scope));
    }

    [Fact]
    public void ContextPathArgument_ReadsTheContextObject() =>
        JsonAssert.Equal("\"run 42\"", Eval("States.Format('run {}', $$.Execution.Id)", "{}", """{"Execution":{"Id":"42"}}"""));

    [Fact]
    public void NestedCalls_AreEvaluatedInsideOut() =>
        JsonAssert.Equal("3", Eval("States.ArrayLength(States.Array($.a, $.b, States.MathAdd(1, 2)))", """{"a":1,"b":2}"""));

    [Theory]
    [InlineData("States.Hash($.a, 'SHA-1')", "not a supported intrinsic function")]
    [InlineData("States.Format('x'", "expected ',' or ')'")]
    [InlineData("States.Format('x) ", "not closed")]
    [InlineData("States.Array(abc)", "'abc' is not a string in single quotes")]
    [InlineData("States.Array() extra", "unexpected text")]
    public void TryParse_Malformed_SaysWhy(string expression, string reason)
    {
        Assert.False(IntrinsicFunctions.TryParse(expression, out _, out string? error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_MoreThanTenNestedCalls_IsRefused()
    {
        string expression = string.Concat(Enumerable.Repeat("States.Array(", 11)) + new string(')', 11);

        Assert.False(IntrinsicFunctions.TryParse(expression, out _, out string? error));
        Assert.Contains("more than 10", error, StringComparison.Ordinal);
    }
}
