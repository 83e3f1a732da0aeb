using DurableAgents.Cli.Tests.Infrastructure;
using DurableAgents.StepFunctions.Describing;
using DurableAgents.Workflows.Declarative;

namespace DurableAgents.Cli.Tests.Declarative;

/// <summary><c>describe</c> shows a shipped declarative workflow as a page of text, with no sidecar.</summary>
public sealed class DescribeCommandTests
{
    [Fact]
    public async Task Describe_WritesTheWorkflowsTextView()
    {
        CliResult result = await CliRunner.RunAsync("describe", "RefundSaga");

        Assert.True(result.ExitCode == 0, result.ToString());
        // What the view contains is covered by WorkflowDescriberTests; here: the command shows it whole, unwrapped.
        Assert.Equal(WorkflowDescriber.Describe(ShippedDeclarativeWorkflows.RefundSaga), result.Output.ReplaceLineEndings("\n"));
        Assert.Contains("compensated by: ", result.Output, StringComparison.Ordinal);
        Assert.Contains("Approval \"refund-approval\"", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Describe_UnknownWorkflow_ExitsTwoListingTheKnownOnes()
    {
        CliResult result = await CliRunner.RunAsync("describe", "Nope");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Known workflows: SupportTriage, RefundSaga, ResearchTeam.", result.Error, StringComparison.Ordinal);
    }
}
