using System.Text.Json.Nodes;
using DurableAgents.StepFunctions.Validation;

namespace DurableAgents.StepFunctions.Tests.Building;

public sealed class WorkflowBuilderTests
{
    [Fact]
    public void Build_ValidWorkflow_ProducesTheStatesInOrderWithTheirFields()
    {
        WorkflowDefinition definition = new WorkflowBuilder("Review")
            .Comment("reviews an article")
            .Agent("Draft", "writer", promptPath: "States.Format('Write about {}', $.topic)", configure: s => s
                .ResultPath("$.draft")
                .Retry(new Retrier(["States.TaskFailed"]) { MaxAttempts = 2, IntervalSeconds = 5, BackoffRate = 1.5, MaxDelaySeconds = 30, JitterStrategy = JitterStrategy.Full })
                .Catch(["States.ALL"], "Failed", "$.error")
                .CompensateWith("DiscardDraft")
                .Next("Route"))
            .Choice("Route", c => c
                .When(Condition.And(Condition.IsPresent("$.draft"), Condition.Not(Condition.StringEquals("$.topic", "secret"))), "Publish")
                .Otherwise("Failed"))
            .Activity("Publish", "PublishArticle", s => s.TimeoutSeconds(60).End())
            .Fail("Failed", "Review.Failed", "the draft could not be published")
            .Build();

        Assert.Equal("Review", definition.Name);
        Assert.Equal("reviews an article", definition.Comment);
        Assert.Equal("Draft", definition.Machine.StartAt);
        Assert.Equal(["Draft", "Route", "Publish", "Failed"], definition.Machine.States.Select(s => s.Name));
        var draft = Assert.IsType<AgentState>(definition.Machine.States[0]);
        Assert.Equal(("writer", "States.Format('Write about {}', $.topic)", "$.draft", "Route", "DiscardDraft"),
            (draft.AgentName, draft.PromptPath, draft.ResultPath, draft.Next, draft.CompensationActivity));
        Retrier retrier = Assert.Single(draft.Retry);
        Assert.Equal((2, 5, 1.5, 30, JitterStrategy.Full), (retrier.MaxAttempts, retrier.IntervalSeconds, retrier.BackoffRate, retrier.MaxDelaySeconds, retrier.JitterStrategy));
        Assert.Equal(("Failed", "$.error"), (draft.Catch[0].Next, draft.Catch[0].ResultPath));
        var route = Assert.IsType<ChoiceState>(definition.Machine.States[1]);
        Assert.Equal("Failed", route.Default);
        Assert.IsType<AndCondition>(Assert.Single(route.Choices).Condition);
        Assert.Equal(60, Assert.IsType<ActivityState>(definition.Machine.States[2]).TimeoutSeconds);
    }

    [Fact]
    public void Retrier_Defaults_AreAslDefaults()
    {
        var retrier = new Retrier(["States.ALL"]);

        Assert.Equal((1, 3, 2.0, (int?)null, JitterStrategy.None), (retrier.IntervalSeconds, retrier.MaxAttempts, retrier.BackoffRate, retrier.MaxDelaySeconds, retrier.JitterStrategy));
    }

    [Fact]
    public void Build_ParallelAndMap_BuildNestedMachines()
    {
        WorkflowDefinition definition = new WorkflowBuilder("Fan")
            .Parallel("Both", p => p
                .Branch(b => b.Activity("A", "DoA", s => s.End()))
                .Branch(b => b.Pass("B", s => s.Result(JsonValue.Create(2)).End()))
                .Next("Each"))
            .Map("Each", m => m.ItemsPath("$.items").MaxConcurrency(2).ItemProcessor(b => b.Activity("Item", "DoItem", s => s.End())).End())
            .Build();

        var both = Assert.IsType<ParallelState>(definition.Machine.States[0]);
        Assert.Equal(["A", "B"], both.Branches.Select(b => b.StartAt));
        var each = Assert.IsType<MapState>(definition.Machine.States[1]);
        Assert.Equal(("$.items", 2, "Item"), (each.ItemsPath, each.MaxConcurrency, each.ItemProcessor!.StartAt));
    }

    [Fact]
    public void Build_StartAtGiven_UsesIt()
    {
        WorkflowDefinition definition = new WorkflowBuilder("W").StartAt("Second")
            .Succeed("First")
            .Pass("Second", s => s.Next("First"))
            .Build();

        Assert.Equal("Second", definition.Machine.StartAt);
    }

    [Fact]
    public void Build_Invalid_ThrowsWithEveryMistakeAndItsState()
    {
        var exception = Assert.Throws<WorkflowDefinitionException>(() => new WorkflowBuilder("W")
            .Activity("A", "DoA", s => s.Next("Nowhere"))
            .Pass("Orphan", s => s.End())
            .Build());

        Assert.Equal("W", exception.WorkflowName);
        Assert.Contains(exception.Errors, e => e.Location == "state 'A'" && e.Reason.Contains("Next names 'Nowhere'", StringComparison.Ordinal));
        Assert.Contains(exception.Errors, e => e.Location == "state 'Orphan'" && e.Reason.Contains("cannot be reached", StringComparison.Ordinal));
        Assert.Contains("state 'A': Next names 'Nowhere'", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parameters_InvalidJsonText_IsRefusedWhenGiven()
    {
        var exception = Assert.Throws<ArgumentException>(() => new WorkflowBuilder("W").Pass("P", s => s.Parameters("{not json")));

        Assert.Contains("not valid JSON", exception.Message, StringComparison.Ordinal);
    }
}
