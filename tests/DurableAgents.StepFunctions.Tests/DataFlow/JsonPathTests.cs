using System.Text.Json.Nodes;
using DurableAgents.StepFunctions.DataFlow;

namespace DurableAgents.StepFunctions.Tests.DataFlow;

public sealed class JsonPathTests
{
    private const string Store = """{"store":{"book":[{"title":"A","price":8},{"title":"B","price":12}],"bicycle":{"color":"red"}},"a.b":1}""";

    [Theory]
    [InlineData("$", Store)]
    [InlineData("$.store.bicycle", """{"color":"red"}""")]
    [InlineData("$.store.book[1].title", "\"B\"")]
    [InlineData("$.store.book[-1].price", "12")]
    [InlineData("$['a.b']", "1")]
    [InlineData("$.store['bicycle'].color", "\"red\"")]
    [InlineData("$.store.book[*].title", """["A","B"]""")]
    [InlineData("$.store.book.*.price", """[8,12]""")]
    public void TrySelect_FindsTheValue(string path, string expected)
    {
        Assert.True(JsonPath.Parse(path).TrySelect(JsonNode.Parse(Store), out JsonNode? value));
        JsonAssert.Equal(expected, value);
    }

    [Theory]
    [InlineData("$.missing")]
    [InlineData("$.store.book[5]")]
    [InlineData("$.store.bicycle.color.hue")]
    public void TrySelect_MissingReferencePath_IsNotFound(string path) =>
        Assert.False(JsonPath.Parse(path).TrySelect(JsonNode.Parse(Store), out _));

    [Fact]
    public void TrySelect_WildcardMatchingNothing_IsAnEmptyArray()
    {
        Assert.True(JsonPath.Parse("$.none[*]").TrySelect(JsonNode.Parse(Store), out JsonNode? value));
        JsonAssert.Equal("[]", value);
    }

    [Fact]
    public void TrySelect_ReturnsACopy()
    {
        JsonNode root = JsonNode.Parse(Store)!;
        JsonPath.Parse("$.store.bicycle").TrySelect(root, out JsonNode? value);
        value!["color"] = "blue";

        Assert.Equal("red", root["store"]!["bicycle"]!["color"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("store", "must start with '$'")]
    [InlineData("$..price", "deep scan")]
    [InlineData("$.book[?(@.price<10)]", "filters and slices are not supported")]
    [InlineData("$.book[0:2]", "filters and slices are not supported")]
    [InlineData("$.book[0", "without a matching ']'")]
    [InlineData("$.", "empty member name")]
    [InlineData("$x", "where '.' or '[' was expected")]
    public void TryParse_Unsupported_SaysWhy(string path, string reason)
    {
        Assert.False(JsonPath.TryParse(path, out _, out string? error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }

    [Fact]
    public void ContextPath_IsRecognised()
    {
        JsonPath path = JsonPath.Parse("$$.Execution.Id");

        Assert.True(path.IsContextPath);
        Assert.True(path.IsReferencePath);
        Assert.False(JsonPath.Parse("$.a[*]").IsReferencePath);
    }

    [Fact]
    public void SetIn_CreatesMissingObjectsAndLeavesTheInputUnchanged()
    {
        JsonNode input = JsonNode.Parse("""{"a":{"b":1}}""")!;

        JsonNode? output = JsonPath.Parse("$.a.c.d").SetIn(input, JsonValue.Create("x"));

        JsonAssert.Equal("""{"a":{"b":1,"c":{"d":"x"}}}""", output);
        JsonAssert.Equal("""{"a":{"b":1}}""", input);
    }

    [Fact]
    public void SetIn_ThroughAValueThatIsNotAnObject_FailsWithResultPathMatchFailure()
    {
        var failure = Assert.Throws<StatesErrorException>(() => JsonPath.Parse("$.a.b").SetIn(JsonNode.Parse("""{"a":"text"}"""), JsonValue.Create(1)));

        Assert.Equal("States.ResultPathMatchFailure", failure.Error);
    }

    [Fact]
    public void SetIn_ArrayIndex_ReplacesTheItem() =>
        JsonAssert.Equal("""{"a":[1,9]}""", JsonPath.Parse("$.a[1]").SetIn(JsonNode.Parse("""{"a":[1,2]}"""), JsonValue.Create(9)));
}
