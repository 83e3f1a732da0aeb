using System.Text.Json.Nodes;

namespace DurableAgents.StepFunctions.Tests.Export;

/// <summary>The definitions whose ASL export is kept as golden files (Export/Golden/{name}.asl.json).</summary>
internal static class ExportedWorkflows
{
    public static WorkflowDefinition Greeting { get; } = new WorkflowBuilder("Greeting")
        .Comment("Greets someone and shapes the answer")
        .Activity("Greet", "Greet", s => s.Parameters("""{"name.$":"$.who","id.$":"$$.Execution.Id"}""").ResultPath("$.greeting").TimeoutSeconds(30).Next("Shape"))
        .Pass("Shape", s => s.Parameters("""{"text.$":"$.greeting","who.$":"$.who"}""").Next("Done"))
        .Succeed("Done")
        .Build();

    public static WorkflowDefinition Routing { get; } = new WorkflowBuilder("Routing")
        .TimeoutSeconds(3600)
        .Choice("Decide", c => c
            .When(Condition.And(Condition.IsPresent("$.score"), Condition.NumericGreaterThan("$.score", 5)), "Later")
            .When(Condition.Not(Condition.StringEquals("$.kind", "spam")), "Keep")
            .Otherwise("Reject"))
        .Wait("Later", w => w.SecondsPath("$.delay").Next("Keep"))
        .Pass("Keep", s => s.Result(JsonNode.Parse("""{"kept":true}""")).ResultPath("$.verdict").OutputPath("$.verdict").End())
        .Fail("Reject", "Routing.Spam", "spam is not kept")
        .Build();

    public static WorkflowDefinition FanOut { get; } = new WorkflowBuilder("FanOut")
        .Parallel("Both", p => p
            .Branch(b => b.Agent("Summarise", "writer", promptPath: "States.Format('Summarise {}', $.topic)", configure: s => s.ResultSelector("""{"text.$":"$.Text"}""").End()))
            .Branch(b => b.Pass("Fixed", s => s.Result(JsonValue.Create("b")).End()))
            .ResultPath("$.parallel")
            .Retry(new Retrier(["States.TaskFailed"]) { IntervalSeconds = 2, MaxAttempts = 4, BackoffRate = 1.5, MaxDelaySeconds = 30, JitterStrategy = JitterStrategy.Full })
            .Catch(["States.ALL"], "Failed", "$.error")
            .Next("Each"))
        .Map("Each", m => m
            .ItemsPath("$.items")
            .MaxConcurrency(2)
            .ItemSelector(JsonNode.Parse("""{"value.$":"$$.Map.Item.Value","index.$":"$$.Map.Item.Index"}""")!)
            .ItemProcessor(b => b.Activity("Square", "Square", s => s.Retry("TimeoutException").End()))
            .ResultPath("$.squares")
            .End())
        .Fail("Failed", "FanOut.Failed")
        .Build();

    /// <summary>An approval whose rejection and time-out go to a Fail state, and a compensable step with a catcher.</summary>
    public static WorkflowDefinition Review { get; } = new WorkflowBuilder("Review")
        .Agent("Draft", "writer", promptPath: "States.Format('Write about {}', $.topic)", configure: s => s
            .ResultSelector("""{"text.$":"$.Text"}""").ResultPath("$.draft").Next("Approve"))
        .Approval("Approve", "publish-article", TimeSpan.FromDays(3), a => a
            .Details("$.draft.text").ResultPath("$.approval")
            .OnApproved("Publish").OnRejected("Rejected").OnTimedOut("Rejected"))
        .Activity("Publish", "PublishArticle", s => s
            .Parameters("""{"title.$":"$.topic","body.$":"$.draft.text"}""")
            .CompensateWith("UnpublishArticle")
            .Retry("TimeoutException")
            .Catch(["States.ALL"], "Rejected", "$.error")
            .ResultPath("$.published")
            .Next("Announce"))
        .Activity("Announce", "Announce", s => s.ResultPath(null).End())
        .Fail("Rejected", "Review.Rejected", "the article was not published")
        .Build();

    /// <summary>Two compensable steps in a row, a Choice and a Fail state after them: nested compensation scopes.</summary>
    public static WorkflowDefinition Saga { get; } = new WorkflowBuilder("Saga")
        .Activity("Reserve", "Reserve", s => s.InputPath("$.order").ResultPath("$.reservation").CompensateWith("Release").Next("Charge"))
        .Activity("Charge", "Charge", s => s
            .Parameters("""{"amount.$":"$.order.amount"}""")
            .ResultPath("$.payment")
            .OutputPath("$.payment")
            .Retry(new Retrier(["States.TaskFailed"]) { MaxAttempts = 2 })
            .CompensateWith("Refund")
            .Next("Check"))
        .Choice("Check", c => c.When(Condition.StringEquals("$.status", "ok"), "Ship").Otherwise("Declined"))
        .Activity("Ship", "Ship", s => s.End())
        .Fail("Declined", "Saga.Declined", "the payment was declined")
        .Build();

    public static IReadOnlyDictionary<string, WorkflowDefinition> All { get; } = new Dictionary<string, WorkflowDefinition>
    {
        ["Greeting"] = Greeting,
        ["Routing"] = Routing,
        ["FanOut"] = FanOut,
        ["Review"] = Review,
        ["Saga"] = Saga,
    };
}
