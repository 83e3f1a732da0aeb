using DurableAgents.Cli.Output;

namespace DurableAgents.Cli.Tests.Output;

public sealed class PayloadTextTests
{
    [Fact]
    public void Summarize_IndentedJson_IsCompacted()
    {
        Assert.Equal("""{"a":1,"b":[true,null]}""", PayloadText.Summarize("{\n  \"a\": 1,\n  \"b\": [ true, null ]\n}"));
    }

    [Fact]
    public void Summarize_LongPayload_IsCutWithEllipsis()
    {
        string summary = PayloadText.Summarize("\"" + new string('x', 200) + "\"", 20)!;

        Assert.Equal(20, summary.Length);
        Assert.EndsWith("…", summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Summarize_TextThatIsNotJson_IsFlattenedToOneLine()
    {
        Assert.Equal("stopped by ops", PayloadText.Summarize("stopped\nby ops"));
        Assert.Null(PayloadText.Summarize(null));
    }

    [Fact]
    public void ToNode_NotJson_BecomesString()
    {
        Assert.Equal("\"plain reason\"", PayloadText.ToNode("plain reason")!.ToJsonString());
        Assert.Equal("""{"a":1}""", PayloadText.ToNode("""{"a": 1}""")!.ToJsonString());
    }

    [Fact]
    public void Time_LocalAndUnspecifiedKinds_AreShownAsUtc()
    {
        var utc = new DateTime(2025, 1, 2, 3, 4, 5, 678, DateTimeKind.Utc);

        Assert.Equal("2025-01-02 03:04:05.678", PayloadText.Time(utc));
        Assert.Equal("2025-01-02 03:04:05.678", PayloadText.Time(DateTime.SpecifyKind(utc, DateTimeKind.Unspecified)));
        Assert.Equal("2025-01-02 03:04:05.678", PayloadText.Time(utc.ToLocalTime()));
    }

    [Fact]
    public void Summarize_QuotesAndNonAscii_AreNotEscaped()
    {
        Assert.Equal("\"Task 'Explode' failed: café\"", PayloadText.Summarize("\"Task \\u0027Explode\\u0027 failed: caf\\u00e9\""));
    }

    [Fact]
    public void Unquote_JsonString_GivesItsText()
    {
        Assert.Equal("it's broken", PayloadText.Unquote("\"it's broken\""));
        Assert.Equal("""{"a":1}""", PayloadText.Unquote("""{ "a": 1 }"""));
    }
}
