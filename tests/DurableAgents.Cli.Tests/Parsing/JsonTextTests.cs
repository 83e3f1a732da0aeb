using System.Text.Json;
using DurableAgents.Cli.Parsing;
using DurableAgents.Cli.Tests.Infrastructure;

namespace DurableAgents.Cli.Tests.Parsing;

public sealed class JsonTextTests
{
    [Theory]
    [InlineData("""{"a":[1,2]}""", JsonValueKind.Object)]
    [InlineData("\"text\"", JsonValueKind.String)]
    [InlineData("42", JsonValueKind.Number)]
    [InlineData("null", JsonValueKind.Null)]
    public void TryParse_JsonValue_KeepsIt(string text, JsonValueKind kind)
    {
        Assert.True(JsonText.TryParse("--input", text, out JsonElement value, out _));
        Assert.Equal(kind, value.ValueKind);
        Assert.Equal(text, value.GetRawText());
    }

    [Theory]
    [InlineData("{name: ana}")]
    [InlineData("text")]
    [InlineData("")]
    public void TryParse_NotJson_SaysHowToQuote(string text)
    {
        Assert.False(JsonText.TryParse("--data", text, out _, out string error));
        Assert.StartsWith("--data is not valid JSON", error, StringComparison.Ordinal);
        Assert.Contains("--data '\"text\"'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_AtFile_ReadsTheFile()
    {
        using var directory = new TempDirectory();
        string path = directory.File("input.json");
        File.WriteAllText(path, """{ "from": "file" }""");

        Assert.True(JsonText.TryParse("--input", "@" + path, out JsonElement value, out _));
        Assert.Equal("file", value.GetProperty("from").GetString());
    }
}
