using DurableAgents.Cli.Parsing;

namespace DurableAgents.Cli.Tests.Parsing;

public sealed class StatusTextTests
{
    [Fact]
    public void TryParse_CommaListAndRepeats_AnyCaseWithoutDuplicates()
    {
        Assert.True(StatusText.TryParse(["running, Completed", "FAILED", "completed"], out IReadOnlyCollection<OrchestrationStatus> statuses, out _));
        Assert.Equal([OrchestrationStatus.Running, OrchestrationStatus.Completed, OrchestrationStatus.Failed], statuses);
    }

    [Theory]
    [InlineData("Runing")]
    [InlineData("1")]
    public void TryParse_UnknownOrNumeric_ListsTheNames(string token)
    {
        Assert.False(StatusText.TryParse([token], out _, out string error));
        Assert.Contains($"'{token}' is not a runtime status", error, StringComparison.Ordinal);
        Assert.Contains("Suspended", error, StringComparison.Ordinal);
    }
}
