using DurableAgents.Protocol.Grpc;

namespace DurableAgents.Protocol.Tests.Grpc;

public sealed class GrpcTimeoutTests
{
    [Theory]
    [InlineData("5S", 5_000)]
    [InlineData("100m", 100)]
    [InlineData("2M", 120_000)]
    [InlineData("1H", 3_600_000)]
    [InlineData("2500u", 2.5)]
    [InlineData("3000000n", 3)]
    [InlineData("99999999m", 99_999_999)]
    public void TryParse_ValidHeader_ReturnsTimeout(string header, double expectedMilliseconds)
    {
        Assert.True(GrpcTimeout.TryParse(header, out var timeout));
        Assert.Equal(expectedMilliseconds, timeout.TotalMilliseconds, precision: 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("S")]
    [InlineData("5")]
    [InlineData("5s")]
    [InlineData("-5S")]
    [InlineData("123456789S")]
    [InlineData("1.5S")]
    public void TryParse_MalformedHeader_ReturnsFalse(string header)
    {
        Assert.False(GrpcTimeout.TryParse(header, out _));
    }

    [Theory]
    [InlineData(150, "150000u")]
    [InlineData(5_000, "5000000u")]
    [InlineData(600_000, "600000m")]
    [InlineData(500_000_000, "500000S")]
    public void Format_Timeout_UsesFinestUnitWithinEightDigits(long milliseconds, string expected)
    {
        Assert.Equal(expected, GrpcTimeout.Format(TimeSpan.FromMilliseconds(milliseconds)));
    }

    [Fact]
    public void Format_NeverShortensTheTimeout()
    {
        var timeout = TimeSpan.FromTicks(123_456_789_012);
        Assert.True(GrpcTimeout.TryParse(GrpcTimeout.Format(timeout), out var parsed));
        Assert.True(parsed >= timeout);
    }
}
