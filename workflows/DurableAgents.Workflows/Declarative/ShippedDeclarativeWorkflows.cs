using System.Text.Json.Nodes;
using DurableAgents.StepFunctions;
using DurableAgents.Workflows.Declarative.Refunds;

namespace DurableAgents.Workflows.Declarative;

/// <summary>
/// The shipped declarative workflows, built with <see cref="WorkflowBuilder"/>: they run on our engine through the
/// generic orchestrator and export to Amazon States Language unchanged. Agents are the names of
/// "Agents:Definitions" in appsettings.json; activities are the refund fakes in <see cref="Refunds"/>.
/// </summary>
public static class ShippedDeclarativeWorkflows
{
    // Declared before the workflows: static fields initialise in textual order and RefundSaga reads it.
    /// <summary>How long RefundSaga waits for its approval.</summary>
    public static readonly TimeSpan RefundApprovalTimeout = TimeSpan.FromDays(2);

    /// <summary>A classifier agent routes a customer message to a specialist agent, or to the writer when none fits.</summary>
    public static WorkflowDefinition SupportTriage { get; } = BuildSupportTriage();

    /// <summary>A refund with compensations, a human approval above a threshold, and a retried, caught payment step.</summary>
    public static WorkflowDefinition RefundSaga { get; } = BuildRefundSaga();

    /// <summary>A researcher agent per subtopic (a Map, two at a time), then a synthesizer agent writes one report.</summary>
    public static WorkflowDefinition ResearchTeam { get; } = BuildResearchTeam();

    /// <summary>Every shipped declarative workflow, in a fixed order.</summary>
    public static IReadOnlyList<WorkflowDefinition> All { get; } = [SupportTriage, RefundSaga, ResearchTeam];

    /// <summary>The refund amount (exclusive) above which a person must approve.</summary>
    public const double RefundApprovalThreshold = 100;

    /// <summary>The approval RefundSaga waits for.</summary>
    public const string RefundApprovalName = "refund-approval";

    // The classifier's system prompt asks a model for one lowercase word; the Offline provider echoes the start of its
    // request (the message, as the agent's context) instead, so offline the route follows the words of the message.
    // Either way the rules look for the word.
    private static WorkflowDefinition BuildSupportTriage() => new WorkflowBuilder("SupportTriage")
        .Comment("Routes a customer message to the specialist agent for its category.")
        .Agent("Classify", "classifier", prompt: "Classify this customer message.", configure: s => s
            .InputPath("$.message")
            .ResultSelector("""{"label.$":"$.text"}""")
            .ResultPath("$.classification")
            .Retry(new Retrier(["States.TaskFailed"]) { IntervalSeconds = 2, MaxAttempts = 2 })
            .Next("Route"))
        .Choice("Route", c => c
            .When(Matches("$.classification.label", "*billing*"), "Billing")
            .When(Matches("$.classification.label", "*technical*"), "Technical")
            .When(Matches("$.classification.label", "*account*"), "Account")
            .Otherwise("General"))
        .Agent("Billing", "billing-specialist", promptPath: "States.Format('Answer this billing question: {}', $.message)", configure: s => Specialist(s, "billing"))
        .Agent("Technical", "technical-specialist", promptPath: "States.Format('Solve this technical problem: {}', $.message)", configure: s => Specialist(s, "technical"))
        .Agent("Account", "data-fetch", promptPath: "States.Format('Collect the account facts for: {}', $.message)", configure: s => Specialist(s, "account"))
        .Agent("General", "writer", promptPath: "States.Format('Write a helpful reply to: {}', $.message)", configure: s => Specialist(s, "general"))
        .Pass("Reply", s => s
            .Parameters("""{"customerId.$":"$.customerId","route.$":"$.answer.route","agent.$":"$.answer.agent","reply.$":"$.answer.reply"}""")
            .End())
        .Build();

    private static void Specialist(TaskStepBuilder step, string route) => step
        .ResultSelector(new JsonObject { ["route"] = route, ["agent.$"] = "$.agentName", ["reply.$"] = "$.text" })
        .ResultPath("$.answer")
        .Retry(new Retrier(["States.TaskFailed"]) { IntervalSeconds = 2, MaxAttempts = 2 })
        .Next("Reply");

    private static WorkflowDefinition BuildRefundSaga() => new WorkflowBuilder("RefundSaga")
        .Comment("Refunds an order: hold the funds, ask a person above the threshold, pay out, tell the customer; undoes what was done when a later step fails.")
        .Activity("Validate", ValidateRefundActivity.ActivityName, s => s
            .ResultPath("$.validation")
            .Catch([ErrorName<InvalidRefundException>()], "Invalid", "$.error")
            .Next("HoldFunds"))
        .Activity("HoldFunds", HoldRefundFundsActivity.ActivityName, s => s
            .Parameters("""{"orderId.$":"$.orderId","amount.$":"$.amount"}""")
            .ResultPath("$.hold")
            .CompensateWith(ReleaseRefundFundsActivity.ActivityName)
            .Next("NeedsApproval"))
        .Choice("NeedsApproval", c => c
            .When(Condition.BooleanEquals("$.validation.needsApproval", true), "Approve")
            .Otherwise("Pay"))
        .Approval("Approve", RefundApprovalName, RefundApprovalTimeout, a => a
            .Details("$")
            .ResultPath("$.approval")
            .OnApproved("Pay").OnRejected("Rejected").OnTimedOut("ApprovalTimedOut"))
        .Activity("Pay", IssueRefundActivity.ActivityName, s => s
            .Parameters("""{"orderId.$":"$.orderId","amount.$":"$.amount","gatewayFailures.$":"$.validation.gatewayFailures"}""")
            .ResultPath("$.refund")
            .Retry(new Retrier([ErrorName<PaymentGatewayException>()]) { IntervalSeconds = 2, MaxAttempts = IssueRefundActivity.MaxRetries, BackoffRate = 2.0 })
            .Catch(["States.ALL"], "PaymentFailed", "$.error")
            .CompensateWith(ReverseRefundActivity.ActivityName)
            .Next("Notify"))
        .Activity("Notify", NotifyRefundActivity.ActivityName, s => s
            .Parameters("""{"orderId.$":"$.orderId","refundId.$":"$.refund.refundId","customerUnreachable.$":"$.validation.customerUnreachable"}""")
            .ResultPath("$.notification")
            .Next("Refunded"))
        .Pass("Refunded", s => s
            .Parameters("""{"orderId.$":"$.orderId","amount.$":"$.amount","holdId.$":"$.hold.holdId","refundId.$":"$.refund.refundId","notified.$":"$.notification.sent"}""")
            .End())
        .Fail("Invalid", "Refund.Invalid", "the refund request is not valid")
        .Fail("Rejected", "Refund.Rejected", "the refund was rejected")
        .Fail("ApprovalTimedOut", "Refund.ApprovalTimedOut", "nobody approved the refund in time")
        .Fail("PaymentFailed", "Refund.PaymentFailed", "the payment gateway did not pay the refund out")
        .Build();

    private static WorkflowDefinition BuildResearchTeam() => new WorkflowBuilder("ResearchTeam")
        .Comment("A researcher per subtopic, two at a time, then one report from all findings.")
        .Map("ResearchSubtopics", m => m
            .ItemsPath("$.subtopics")
            .MaxConcurrency(2)
            .ItemSelector(new JsonObject { ["topic.$"] = "$.topic", ["subtopic.$"] = "$$.Map.Item.Value" })
            .ItemProcessor(p => p
                .Agent("Research", "researcher", promptPath: "States.Format('Research {} for a report on {}', $.subtopic, $.topic)", configure: s => s
                    .ResultSelector("""{"agent.$":"$.agentName","notes.$":"$.text"}""")
                    .ResultPath("$.finding")
                    .Retry(new Retrier(["States.TaskFailed"]) { IntervalSeconds = 2, MaxAttempts = 2 })
                    .End()))
            .ResultPath("$.findings")
            .Next("Synthesize"))
        .Agent("Synthesize", "synthesizer", promptPath: "States.Format('Write one report on {} from the findings in the context', $.topic)", configure: s => s
            .ResultSelector("""{"agent.$":"$.agentName","text.$":"$.text"}""")
            .ResultPath("$.report")
            .Retry(new Retrier(["States.TaskFailed"]) { IntervalSeconds = 2, MaxAttempts = 2 })
            .Next("Done"))
        .Pass("Done", s => s
            .Parameters("""{"topic.$":"$.topic","findings.$":"$.findings","report.$":"$.report.text","synthesizedBy.$":"$.report.agent"}""")
            .End())
        .Build();

    // An activity's error is named by the full name of its exception type: the name our engine reports and the one
    // the exported functions must report, since Step Functions compares error names exactly.
    private static string ErrorName<TException>()
        where TException : Exception => typeof(TException).FullName!;

    private static Condition Matches(string variable, string pattern) =>
        Condition.Compare(variable, ComparisonOperator.StringMatches, JsonValue.Create(pattern));
}
