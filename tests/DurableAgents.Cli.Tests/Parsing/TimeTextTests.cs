using DurableAgents.Cli.Parsing;

namespace DurableAgents.Cli.Tests.Parsing;

public sealed class TimeTextTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 10, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("2h", 2 * 60)]
    [InlineData("-2h", 2 * 60)]
    [InlineData("30m", 30)]
    [InlineData("1.5h", 90)]
    [InlineData("7d", 7 * 24 * 60)]
    [InlineData("1w", 7 * 24 * 60)]
    public void TryParse_DurationAgo_SubtractsFromNow(string text, int minutesAgo)
    {
        Assert.True(TimeText.TryParse(text, Now, out DateTimeOffset time, out _));
        Assert.Equal(Now.AddMinutes(-minutesAgo), time);
    }

    [Fact]
    public void TryParse_IsoWithoutOffset_IsUtc()
    {
        Assert.True(TimeText.TryParse("2024-05-01T08:30:00", Now, out DateTimeOffset time, out _));
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 8, 30, 0, TimeSpan.Zero), time);
    }

    [Fact]
    public void TryParse_IsoWithOffset_KeepsTheInstant()
    {
        Assert.True(TimeText.TryParse("2024-05-01T10:30:00+02:00", Now, out DateTimeOffset time, out _));
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 8, 30, 0, TimeSpan.Zero), time);
    }

    [Theory]
    [InlineData("yesterday")]
    [InlineData("2x")]
    [InlineData("h")]
    public void TryParse_Garbage_ExplainsTheForms(string text)
    {
        Assert.False(TimeText.TryParse(text, Now, out _, out string error));
        Assert.Contains("ISO 8601", error, StringComparison.Ordinal);
        Assert.Contains(text, error, StringComparison.Ordinal);
    }
}
