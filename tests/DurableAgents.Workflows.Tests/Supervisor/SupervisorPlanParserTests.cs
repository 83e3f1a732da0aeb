using DurableAgents.Workflows.Supervisor;

namespace DurableAgents.Workflows.Tests.Supervisor;

public sealed class SupervisorPlanParserTests
{
    private static readonly string[] Capabilities = ["research", "analysis", "writing"];

    [Fact]
    public void TryParse_ValidPlanWithRiskyFlag_ReadsStepsDependenciesAndRisk()
    {
        const string answer = """
            Sure! {"goal":"G","steps":[
              {"id":"a","capability":"Research","task":"find"},
              {"id":"b","capability":"writing","task":"post it","dependsOn":["a"],"RISKY":true}]} Done.
            """;

        Assert.True(SupervisorPlanParser.TryParse(answer, Capabilities, [], 8, out SupervisorPlan? plan, out string? problem), problem);
        Assert.Equal("G", plan.Goal);
        Assert.Equal("research", plan.Subtasks[0].Capability);
        Assert.False(plan.Subtasks[0].Risky);
        Assert.Equal(["a"], plan.Subtasks[1].DependsOn);
        Assert.True(plan.Subtasks[1].Risky);
    }

    [Fact]
    public void TryParse_RiskyCapability_MarksItsStepsRisky()
    {
        const string answer = """{"goal":"G","steps":[{"id":"a","capability":"research","task":"t"},{"id":"b","capability":"writing","task":"t"}]}""";

        Assert.True(SupervisorPlanParser.TryParse(answer, Capabilities, ["WRITING"], 8, out SupervisorPlan? plan, out _));
        Assert.Equal([false, true], plan.Subtasks.Select(s => s.Risky));
    }

    [Theory]
    [InlineData("no json here", "holds no JSON object")]
    [InlineData("""{"goal":"G","steps":[]}""", "no steps")]
    [InlineData("""{"goal":"G","steps":[{"id":"a","capability":"research","task":"t","dependsOn":["z"]}]}""", "depends on 'z'")]
    [InlineData("""{"goal":"G","steps":[{"id":"a","capability":"dance","task":"t"}]}""", "Step 'a' needs capability 'dance', which no agent has. Use only these capabilities: research, analysis, writing.")]
    [InlineData("""{"goal":"G","steps":[{"id":"a","capability":"research","task":"t"},{"id":"b","capability":"research","task":"t"},{"id":"c","capability":"research","task":"t"}]}""", "The plan has 3 steps; at most 2 are allowed.")]
    public void TryParse_InvalidPlan_SaysWhatIsWrong(string answer, string expectedProblem)
    {
        Assert.False(SupervisorPlanParser.TryParse(answer, Capabilities, [], 2, out SupervisorPlan? plan, out string? problem));
        Assert.Null(plan);
        Assert.Contains(expectedProblem, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Waves_DiamondDependencies_GroupsIndependentSubtasks()
    {
        var plan = new SupervisorPlan("G",
        [
            new PlannedSubtask("a", "research", "t"),
            new PlannedSubtask("b", "research", "t"),
            new PlannedSubtask("c", "analysis", "t") { DependsOn = ["a"] },
            new PlannedSubtask("d", "writing", "t") { DependsOn = ["b", "c"] },
            new PlannedSubtask("e", "research", "t"),
        ]);

        Assert.Equal(
            [["a", "b", "e"], ["c"], ["d"]],
            plan.Waves().Select(w => w.Select(s => s.Id).ToArray()).ToArray());
    }

    [Theory]
    [InlineData("step-1", "subtask-step-1")]
    [InlineData("a/b?c#d", "subtask-a-b-c-d")]
    public void ApprovalNameFor_Id_IsAValidApprovalName(string id, string expected)
    {
        Assert.Equal(expected, SupervisorWorkflow.ApprovalNameFor(id));
        Assert.Equal("approval:" + expected, DurableAgents.Approvals.ApprovalContextExtensions.GetEventName(SupervisorWorkflow.ApprovalNameFor(id)));
    }
}
