using DurableAgents.StepFunctions.Describing;
using DurableAgents.StepFunctions.Tests.Export;

namespace DurableAgents.StepFunctions.Tests.Describing;

public sealed class WorkflowDescriberTests
{
    [Fact]
    public void Describe_ShowsBranchesAndItemProcessorsIndentedUnderTheirState()
    {
        string text = WorkflowDescriber.Describe(ExportedWorkflows.FanOut);

        Assert.Equal(
            """
            Workflow FanOut
            Starts at Both
            1. Both  Parallel: 2 branches
                 result to: $.parallel
                 retry on States.TaskFailed: up to 4 times, first after 2 s, ×1.5 each time, at most 30 s, full jitter
                 catch States.ALL -> Failed (error to $.error)
                 branch 1:
                   Starts at Summarise
                   1. Summarise  Task: agent writer, prompt States.Format('Summarise {}', $.topic)
                        result selected: {"text.$":"$.Text"}
                        -> end
                 branch 2:
                   Starts at Fixed
                   1. Fixed  Pass: result "b"
                        -> end
                 -> Each
            2. Each  Map over $.items, 2 at a time
                 each item: {"value.$":"$$.Map.Item.Value","index.$":"$$.Map.Item.Index"}
                 result to: $.squares
                 for each item:
                   Starts at Square
                   1. Square  Task: activity Square
                        retry on TimeoutException: up to 3 times, first after 1 s, ×2 each time
                        -> end
                 -> end
            3. Failed  Fail: FanOut.Failed

            """.ReplaceLineEndings("\n"),
            text);
    }

    [Fact]
    public void Describe_ShowsChoiceRulesWaitsAndTheWorkflowTimeout()
    {
        string text = WorkflowDescriber.Describe(ExportedWorkflows.Routing);

        Assert.Contains("Times out after 1 h (States.Timeout)\n", text, StringComparison.Ordinal);
        Assert.Contains("if ($.score IsPresent true and $.score NumericGreaterThan 5) -> Later\n", text, StringComparison.Ordinal);
        Assert.Contains("if not $.kind StringEquals \"spam\" -> Keep\n", text, StringComparison.Ordinal);
        Assert.Contains("otherwise -> Reject\n", text, StringComparison.Ordinal);
        Assert.Contains("2. Later  Wait the seconds at $.delay\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_ListsTheCompensationsAtTheEnd()
    {
        string text = WorkflowDescriber.Describe(ExportedWorkflows.Saga);

        Assert.EndsWith(
            "\nCompensation: when the run fails, each of these steps that completed is undone, newest first, with its effective input:\n  Reserve: Release\n  Charge: Refund\n",
            text,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_ShowsAnApprovalWithItsWaitDetailsAndThreeOutcomes()
    {
        string text = WorkflowDescriber.Describe(ExportedWorkflows.Review);

        Assert.Contains(
            """
            2. Approve  Approval "publish-article", waits up to 3 d, shows $.draft.text
                 result to: $.approval
                 approved -> Publish; rejected -> Rejected; timed out -> Rejected

            """.ReplaceLineEndings("\n"),
            text,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Describe_ShowsALiteralPromptQuoted()
    {
        WorkflowDefinition greeting = new WorkflowBuilder("Hello")
            .Agent("Greet", "writer", prompt: "Say hello to the team.", configure: s => s.End())
            .Build();

        string text = WorkflowDescriber.Describe(greeting);

        Assert.Contains("1. Greet  Task: agent writer, prompt \"Say hello to the team.\"\n", text, StringComparison.Ordinal);
    }
}
