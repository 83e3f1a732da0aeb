using System.Net;
using System.Text.Json.Nodes;
using DurableAgents.History;
using DurableAgents.Host.Tests.Infrastructure;
using DurableAgents.Workflows.Declarative;
using DurableAgents.Workflows.Declarative.Refunds;
using Microsoft.DurableTask.Client;

namespace DurableAgents.Host.Tests;

/// <summary>
/// The shipped declarative workflows on the all-in-one host: started by name through the management API like the C#
/// workflows, with RefundSaga's approval listed under /api/approvals and answered there.
/// </summary>
public sealed class DeclarativeWorkflowsOnHostTests
{
    [Fact]
    public async Task SupportTriageAndResearchTeam_StartedThroughTheApi_CompleteWithTheAgentsAnswers()
    {
        using var setup = new HostSetup();
        await using RunningHost host = await setup.StartAsync();

        string triage = await host.Api.StartInstanceAsync("SupportTriage", new { customerId = "C-1", message = "Why is there a second charge on my billing statement?" });
        string research = await host.Api.StartInstanceAsync("ResearchTeam", new { topic = "Heat pumps", subtopics = new[] { "costs", "noise" } });

        JsonNode triaged = await CompletedOutputAsync(host, triage);
        Assert.Equal("billing", triaged["route"]!.GetValue<string>());
        Assert.Equal("billing-specialist", triaged["agent"]!.GetValue<string>());
        JsonNode report = await CompletedOutputAsync(host, research);
        Assert.Equal(["costs", "noise"], report["findings"]!.AsArray().Select(f => f!["subtopic"]!.GetValue<string>()));
        Assert.Equal("synthesizer", report["synthesizedBy"]!.GetValue<string>());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task RefundSaga_ApprovalListedAndAnsweredThroughTheApprovalApi(bool approved)
    {
        using var setup = new HostSetup();
        await using RunningHost host = await setup.StartAsync();
        string id = await host.Api.StartInstanceAsync("RefundSaga", new { orderId = "O-42", amount = 320 });

        JsonObject pending = await host.Api.WaitForApprovalAsync(id);
        Assert.Equal(ShippedDeclarativeWorkflows.RefundApprovalName, pending["name"]!.GetValue<string>());
        Assert.Equal("RefundSaga", pending["orchestratorName"]!.GetValue<string>());
        Assert.Equal("HLD-O-42", pending["details"]!["hold"]!["holdId"]!.GetValue<string>());
        using (HttpResponseMessage answer = await host.Api.AnswerApprovalAsync(id, ShippedDeclarativeWorkflows.RefundApprovalName, approved, "ana", "checked"))
        {
            Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        }

        OrchestrationMetadata done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Deadline.Token());
        IReadOnlyList<HistoryEvent> history = await host.History.GetHistoryAsync(id, Deadline.Token());
        if (approved)
        {
            Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
            Assert.Equal("RFD-O-42", JsonNode.Parse(done.SerializedOutput!)!["refundId"]!.GetValue<string>());
            Assert.Empty(history.Scheduled(ReleaseRefundFundsActivity.ActivityName));
        }
        else
        {
            Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
            Assert.StartsWith("Refund.Rejected:", done.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
            Assert.Empty(history.Scheduled(IssueRefundActivity.ActivityName));
            Assert.Single(history.Scheduled(ReleaseRefundFundsActivity.ActivityName));
        }
    }

    private static async Task<JsonNode> CompletedOutputAsync(RunningHost host, string id)
    {
        OrchestrationMetadata done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, Deadline.Token());
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
        return JsonNode.Parse(done.SerializedOutput!)!;
    }
}
