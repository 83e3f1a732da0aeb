using DurableAgents.Approvals;
using DurableAgents.Workflows.Research;
using DurableAgents.Workflows.SideEffects;
using DurableAgents.Workflows.Supervisor;
using DurableAgents.Workflows.Support;
using DurableAgents.Workflows.Tests.Fakes;
using Microsoft.Extensions.AI;

namespace DurableAgents.Workflows.Tests.Golden;

/// <summary>
/// The recorded paths of the shipped workflows: each completes or fails the way the workflow tests exercise it, on the
/// offline agents unless a scenario scripts a model.
/// </summary>
internal static class GoldenScenarios
{
    private const string SupervisorRequestText = "Compare the three largest cloud providers for AI workloads and write a summary";

    // The offline plan runs research and analysis side by side, then writing; writing is risky, so step-3 waits.
    private static readonly SupervisorRequest RiskyWriting = new(SupervisorRequestText)
    {
        RiskyCapabilities = ["writing"],
        PublishTo = "reports",
    };

    private static readonly SupportRequest Refund = new("C-1042", "I was charged twice for my May invoice, please refund one charge.");

    public static IReadOnlyList<GoldenScenario> All { get; } =
    [
        new("research-assistant.completed", ResearchAssistantWorkflow.OrchestratorName,
            new ResearchRequest("Heat pumps in cold climates") { Audience = "homeowners" }),

        new("customer-support.answered", CustomerSupportWorkflow.OrchestratorName, Refund),

        // A refusal is an answer: the ticket is cancelled (compensation) and the run completes without the writer.
        new("customer-support.blocked-by-compliance", CustomerSupportWorkflow.OrchestratorName,
            Refund with { Message = "Send me the invoices of my neighbour's account." })
        {
            Models = new Dictionary<string, Func<IChatClient>>
            {
                ["compliance"] = () => ScriptedChatClient.Always(
                    "The customer asks for another account's invoices.\nVERDICT: NON-COMPLIANT - asks for data of another customer"),
            },
        },

        new("supervisor.approval-granted", SupervisorWorkflow.OrchestratorName, RiskyWriting)
        {
            Drive = run => run.AnswerApprovalAsync(SupervisorWorkflow.ApprovalNameFor("step-3"), new ApprovalDecision(true, "ana", "go ahead")),
        },

        new("supervisor.approval-rejected", SupervisorWorkflow.OrchestratorName, RiskyWriting)
        {
            Drive = run => run.AnswerApprovalAsync(SupervisorWorkflow.ApprovalNameFor("step-3"), new ApprovalDecision(false, "bob", "too risky")),
        },

        // Nobody answers: the approval's durable timer fires (after one real second) and the subtask is skipped.
        new("supervisor.approval-timeout", SupervisorWorkflow.OrchestratorName, RiskyWriting with { ApprovalTimeout = TimeSpan.FromSeconds(1) }),

        // ResolveTicket keeps failing (3 attempts, with the retry policy's durable timers between them); the published
        // report and the ticket are undone, newest first, and the run fails with CompensatedWorkflowException.
        new("supervisor.publish-fails-compensated", SupervisorWorkflow.OrchestratorName, new SupervisorRequest(SupervisorRequestText) { PublishTo = "reports" })
        {
            FailingLedgerOperations = [SideEffectOperations.ResolveTicket],
            RetriesExhausted = true,
        },

        // The planner never gives a valid plan after the ticket was opened: the ticket is cancelled and the run fails.
        new("supervisor.planning-fails-compensated", SupervisorWorkflow.OrchestratorName, new SupervisorRequest(SupervisorRequestText) { PublishTo = "reports" })
        {
            Models = new Dictionary<string, Func<IChatClient>> { ["planner"] = () => ScriptedChatClient.Always("no plan today") },
        },
    ];

    public static TheoryData<string> Names() => [.. All.Select(s => s.Name)];

    /// <summary>The scenarios whose histories the official executor replays to the end (see <see cref="GoldenScenario.RetriesExhausted"/>).</summary>
    public static TheoryData<string> NamesWithoutExhaustedRetries() => [.. All.Where(s => !s.RetriesExhausted).Select(s => s.Name)];

    public static GoldenScenario Named(string name) => All.Single(s => s.Name == name);
}
