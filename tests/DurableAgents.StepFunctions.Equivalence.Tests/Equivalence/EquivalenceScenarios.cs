using DurableAgents.Agents;
using DurableAgents.Workflows.Declarative;

namespace DurableAgents.StepFunctions.Equivalence.Tests.Equivalence;

/// <summary>
/// The inputs each shipped declarative workflow is run with on both sides: every route, retry, catch, compensation,
/// approval outcome and failure path the workflows have.
/// </summary>
internal static class EquivalenceScenarios
{
    public static IReadOnlyList<Scenario> All { get; } =
    [
        // SupportTriage: each route, the default, and text JSON escapes differently across serializers.
        Triage("triage billing", """{"customerId":"C-1","message":"My billing statement shows the same charge twice."}"""),
        Triage("triage technical", """{"customerId":"C-2","message":"The app shows a technical error when I upload a file."}"""),
        Triage("triage account", """{"customerId":"C-3","message":"Please change the email address on my account."}"""),
        Triage("triage default", """{"customerId":"C-4","message":"Do you ship to Norway?"}"""),
        Triage("triage quotes and accents", """{"customerId":"C-5","message":"I can't open \"Rechnung für Mai\" <billing> & pay + 5€"}"""),
        Triage("triage emoji and line separators", """{"customerId":"C-6","message":"My card 💳 was charged twice 😠\u2028thanks\u200B"}"""),

        // RefundSaga: no approval, approved, rejected, timed out, retried, caught, compensated, invalid.
        Refund("refund small", """{"orderId":"O-1","amount":40}"""),
        Refund("refund approved", """{"orderId":"O-2","amount":250}""", ApprovalAnswer.Approve),
        Refund("refund rejected", """{"orderId":"O-3","amount":250}""", ApprovalAnswer.Reject),
        Refund("refund approval timed out", """{"orderId":"O-4","amount":9000}""", ApprovalAnswer.TimeOut),
        Refund("refund gateway retried", """{"orderId":"O-5","amount":99.5,"simulate":{"gatewayFailures":2}}"""),
        Refund("refund gateway exhausted, caught", """{"orderId":"O-6","amount":60,"simulate":{"gatewayFailures":3}}"""),
        Refund("refund customer unreachable, compensated", """{"orderId":"O-7","amount":60,"simulate":{"customerUnreachable":true}}"""),
        Refund("refund approved then unreachable", """{"orderId":"O-8","amount":700,"simulate":{"gatewayFailures":1,"customerUnreachable":true}}""", ApprovalAnswer.Approve),
        Refund("refund invalid amount, caught", """{"orderId":"O-9","amount":0}"""),

        // ResearchTeam: the Map's researchers may run in any order within the Map (MaxConcurrency 2).
        Research("research one subtopic", """{"topic":"Heat pumps","subtopics":["costs"]}"""),
        Research("research three subtopics", """{"topic":"Home batteries","subtopics":["costs","safety","lifetime"]}"""),
        Research("research five subtopics", """{"topic":"Rail travel","subtopics":["night trains","prices","booking","accessibility","luggage"]}"""),
        Research("research no subtopics", """{"topic":"Nothing yet","subtopics":[]}"""),
        Research("research subtopics missing", """{"topic":"Broken input"}"""),
    ];

    public static Scenario Named(string name) => All.Single(s => s.Name == name);

    private static Scenario Triage(string name, string input) => new(name, ShippedDeclarativeWorkflows.SupportTriage, input);

    private static Scenario Refund(string name, string input, ApprovalAnswer approval = ApprovalAnswer.None) =>
        new(name, ShippedDeclarativeWorkflows.RefundSaga, input, approval);

    private static Scenario Research(string name, string input) => new(name, ShippedDeclarativeWorkflows.ResearchTeam, input)
    {
        Unordered = i => i.Task == InvokeAgentActivity.ActivityName && i.Input?["AgentName"]?.GetValue<string>() == "researcher",
    };
}
