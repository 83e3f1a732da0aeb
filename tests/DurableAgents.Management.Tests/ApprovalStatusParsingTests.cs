using System.Text.Json;
using DurableAgents.Approvals;

namespace DurableAgents.Management.Tests;

public sealed class ApprovalStatusParsingTests
{
    private static readonly JsonSerializerOptions WebOptions = new(JsonSerializerDefaults.Web);

    [Fact]
    public void TryParse_WaitingStatusWrittenByHelper_RoundTrips()
    {
        var since = new DateTime(2024, 5, 1, 12, 0, 0, DateTimeKind.Utc);
        var written = new ApprovalCustomStatus { WaitingForApproval = new ApprovalWait("publish", since, since.AddHours(1), new { Title = "Draft" }) };
        string json = JsonSerializer.Serialize(written, WebOptions);

        Assert.True(ApprovalCustomStatus.TryParse(json, out ApprovalCustomStatus? parsed));
        Assert.Equal("publish", parsed.WaitingForApproval!.Name);
        Assert.Equal(since, parsed.WaitingForApproval.Since);
        Assert.Equal(since.AddHours(1), parsed.WaitingForApproval.ExpiresAt);
        Assert.Null(parsed.ApprovalDecided);
        Assert.StartsWith("{\"waitingForApproval\":{\"name\":\"publish\",\"since\":\"2024-05-01T12:00:00Z\"", json, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("\"just text\"")]
    [InlineData("{\"progress\":3}")]
    [InlineData("{\"waitingForApproval\":{\"since\":\"2024-01-01T00:00:00Z\"}}")]
    [InlineData("not json")]
    public void TryParse_OtherStatuses_ReturnsFalse(string? customStatus) =>
        Assert.False(ApprovalCustomStatus.TryParse(customStatus, out _));

    [Theory]
    [InlineData("{\"approved\":true,\"approver\":\"ana\",\"comment\":\"ok\"}", true, "ana", "ok")]
    [InlineData("{\"approved\":false}", false, null, null)]
    [InlineData("true", true, null, null)]
    public void TryRead_Decisions_AreRead(string payload, bool approved, string? approver, string? comment)
    {
        Assert.True(ApprovalDecision.TryRead(JsonDocument.Parse(payload).RootElement, out ApprovalDecision? decision));
        Assert.Equal(new ApprovalDecision(approved, approver, comment), decision);
    }

    [Theory]
    [InlineData("{\"approved\":\"yes\"}")]
    [InlineData("{\"approver\":\"ana\"}")]
    [InlineData("\"approved\"")]
    [InlineData("null")]
    public void TryRead_NotADecision_ReturnsFalse(string payload) =>
        Assert.False(ApprovalDecision.TryRead(JsonDocument.Parse(payload).RootElement, out _));

    [Theory]
    [InlineData("a/b")]
    [InlineData("a?b")]
    [InlineData("")]
    public void GetEventName_InvalidName_Throws(string name) =>
        Assert.ThrowsAny<ArgumentException>(() => ApprovalContextExtensions.GetEventName(name));

    [Fact]
    public void GetEventName_PrefixesApproval() =>
        Assert.Equal("approval:publish", ApprovalContextExtensions.GetEventName("publish"));
}
