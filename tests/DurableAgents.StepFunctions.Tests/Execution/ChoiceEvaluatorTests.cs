using System.Text.Json.Nodes;
using DurableAgents.StepFunctions.DataFlow;
using DurableAgents.StepFunctions.Execution;
using DurableAgents.StepFunctions.Tests.DataFlow;

namespace DurableAgents.StepFunctions.Tests.Execution;

public sealed class ChoiceEvaluatorTests
{
    private const string Data = """{"name":"report-2024.pdf","n":7,"limit":10,"flag":true,"when":"2024-05-01T12:00:00Z","nothing":null,"text":"7"}""";

    private static bool Eval(string variable, ComparisonOperator op, JsonNode? value) =>
        ChoiceEvaluator.Evaluate(Condition.Compare(variable, op, value), TestScope.Of(Data));

    [Theory]
    [InlineData("$.name", ComparisonOperator.StringMatches, "report-*.pdf", true)]
    [InlineData("$.name", ComparisonOperator.StringMatches, "report-\\*.pdf", false)]
    [InlineData("$.name", ComparisonOperator.StringLessThan, "s", true)]
    [InlineData("$.name", ComparisonOperator.StringEquals, "report-2024.pdf", true)]
    [InlineData("$.when", ComparisonOperator.TimestampGreaterThan, "2024-05-01T11:59:59Z", true)]
    [InlineData("$.when", ComparisonOperator.TimestampEquals, "2024-05-01T12:00:00Z", true)]
    [InlineData("$.text", ComparisonOperator.StringEquals, "7", true)]
    public void StringAndTimestampComparisons(string variable, ComparisonOperator op, string value, bool expected) =>
        Assert.Equal(expected, Eval(variable, op, JsonValue.Create(value)));

    [Theory]
    [InlineData("$.n", ComparisonOperator.NumericEquals, 7, true)]
    [InlineData("$.n", ComparisonOperator.NumericGreaterThanEquals, 7, true)]
    [InlineData("$.n", ComparisonOperator.NumericLessThan, 7, false)]
    [InlineData("$.text", ComparisonOperator.NumericEquals, 7, false)]
    public void NumericComparisons_AreFalseForOtherTypes(string variable, ComparisonOperator op, double value, bool expected) =>
        Assert.Equal(expected, Eval(variable, op, JsonValue.Create(value)));

    [Fact]
    public void PathOperator_ComparesWithAnotherValueOfTheData() =>
        Assert.True(Eval("$.n", ComparisonOperator.NumericLessThanPath, JsonValue.Create("$.limit")));

    [Theory]
    [InlineData("$.nothing", ComparisonOperator.IsNull, true)]
    [InlineData("$.missing", ComparisonOperator.IsPresent, false)]
    [InlineData("$.nothing", ComparisonOperator.IsPresent, true)]
    [InlineData("$.n", ComparisonOperator.IsNumeric, true)]
    [InlineData("$.text", ComparisonOperator.IsNumeric, false)]
    [InlineData("$.flag", ComparisonOperator.IsBoolean, true)]
    [InlineData("$.when", ComparisonOperator.IsTimestamp, true)]
    [InlineData("$.name", ComparisonOperator.IsTimestamp, false)]
    [InlineData("$.missing", ComparisonOperator.IsString, false)]
    public void TypeTests(string variable, ComparisonOperator op, bool expected) =>
        Assert.Equal(expected, Eval(variable, op, JsonValue.Create(true)));

    [Fact]
    public void MissingVariableInAComparison_FailsWithStatesRuntime() =>
        Assert.Equal("States.Runtime", Assert.Throws<StatesErrorException>(() => Eval("$.missing", ComparisonOperator.NumericEquals, JsonValue.Create(1))).Error);

    [Fact]
    public void AndOrNot_Combine() =>
        Assert.True(ChoiceEvaluator.Evaluate(
            Condition.Or(Condition.And(Condition.BooleanEquals("$.flag", false)), Condition.Not(Condition.StringEquals("$.name", "x"))),
            TestScope.Of(Data)));
}
