using DurableAgents.Cli.Tests.Infrastructure;

namespace DurableAgents.Cli.Tests.Declarative;

/// <summary><c>describe</c> shows a shipped declarative workflow as a page of text, with no sidecar.</summary>
public sealed class DescribeCommandTests
{
    [Fact]
    public async Task Describe_ShowsStatesTransitionsRetriesCatchesAndCompensationsInOrder()
    {
        CliResult result = await CliRunner.RunAsync("describe", "RefundSaga");

        Assert.True(result.ExitCode == 0, result.ToString());
        string text = result.Output.ReplaceLineEndings("\n");
        string[] inOrder =
        [
            "Workflow RefundSaga",
            "Starts at Validate",
            "1. Validate  Task: activity ValidateRefund",
            "catch InvalidRefundException -> Invalid (error to $.error)",
            "2. HoldFunds  Task: activity HoldRefundFunds",
            "compensated by: ReleaseRefundFunds",
            "if $.validation.needsApproval BooleanEquals true -> Approve",
            "Approval \"refund-approval\", waits up to 2 d",
            "approved -> Pay; rejected -> Rejected; timed out -> ApprovalTimedOut",
            "retry on PaymentGatewayException: up to 2 times, first after 2 s",
            "Compensation: when the run fails",
            "HoldFunds: ReleaseRefundFunds",
            "Pay: ReverseRefund",
        ];
        int at = 0;
        foreach (string expected in inOrder)
        {
            int found = text.IndexOf(expected, at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"'{expected}' is missing after position {at} of:\n{text}");
            at = found + expected.Length;
        }
    }

    [Fact]
    public async Task Describe_UnknownWorkflow_ExitsTwoListingTheKnownOnes()
    {
        CliResult result = await CliRunner.RunAsync("describe", "Nope");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Known workflows: SupportTriage, RefundSaga, ResearchTeam.", result.Error, StringComparison.Ordinal);
    }
}
