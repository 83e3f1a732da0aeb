using System.Text.Json.Nodes;
using DurableAgents.Agents;
using DurableAgents.Approvals;
using DurableAgents.History;
using DurableAgents.StepFunctions;
using DurableAgents.Workflows.DependencyInjection;
using DurableAgents.Workflows.Declarative;
using DurableAgents.Workflows.Declarative.Refunds;
using DurableAgents.Workflows.Tests.Infrastructure;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Workflows.Tests.Declarative;

/// <summary>
/// The shipped declarative workflows, registered by <c>AddShippedWorkflows</c>, run on the test host (production engine,
/// virtual time) with the sample configuration's offline agents.
/// </summary>
public sealed class ShippedDeclarativeWorkflowTests
{
    [Fact]
    public void All_HoldsTheThreeWorkflowsByName()
    {
        Assert.Equal(["SupportTriage", "RefundSaga", "ResearchTeam"], ShippedDeclarativeWorkflows.All.Select(w => w.Name));
    }

    [Fact]
    public async Task EveryAgentAndActivityTheWorkflowsName_IsConfiguredAndRegistered()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddJsonFile(WorkflowHost.SampleConfigurationPath).Build();
        await using ServiceProvider services = new ServiceCollection().AddShippedWorkflowServices(configuration).BuildServiceProvider();
        var agents = services.GetRequiredService<IAgentRegistry>().Agents.Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        var activities = new DurableTaskRegistry().AddShippedWorkflows().GetActivities().Select(a => a.Key.Name).ToHashSet(StringComparer.Ordinal);
        List<State> states = ShippedDeclarativeWorkflows.All.SelectMany(w => StatesOf(w.Machine)).ToList();

        Assert.All(states.OfType<AgentState>(), s => Assert.Contains(s.AgentName, agents));
        Assert.All(states.OfType<ActivityState>(), s => Assert.Contains(s.ActivityName, activities));
        Assert.All(states.Where(s => s.CompensationActivity is not null), s => Assert.Contains(s.CompensationActivity!, activities));
        Assert.Equal(7, states.OfType<AgentState>().Count());
    }

    private static IEnumerable<State> StatesOf(StateMachine machine) => machine.States.SelectMany(s => s switch
    {
        MapState map => [s, .. StatesOf(map.ItemProcessor!)],
        ParallelState parallel => [s, .. parallel.Branches.SelectMany(StatesOf)],
        _ => (IEnumerable<State>)[s],
    });

    [Theory]
    [InlineData("My billing statement shows the same charge twice.", "billing", "billing-specialist")]
    [InlineData("The app shows a technical error when I upload a file.", "technical", "technical-specialist")]
    [InlineData("Please change the email address on my account.", "account", "data-fetch")]
    [InlineData("Do you ship to Norway?", "general", "writer")]
    public async Task SupportTriage_RoutesTheMessageToTheSpecialistOfItsCategory(string message, string route, string agent)
    {
        await using WorkflowHost host = WorkflowHost.Start();

        OrchestrationMetadataAssert done = await OrchestrationMetadataAssert.CompletedAsync(host, "SupportTriage", new { customerId = "C-7", message });

        JsonNode output = done.Output<JsonNode>();
        Assert.Equal("C-7", output["customerId"]!.GetValue<string>());
        Assert.Equal(route, output["route"]!.GetValue<string>());
        Assert.Equal(agent, output["agent"]!.GetValue<string>());
        Assert.StartsWith("[offline]", output["reply"]!.GetValue<string>(), StringComparison.Ordinal);
        IList<HistoryEvent> history = await host.HistoryAsync(done.InstanceId);
        Assert.Equal(["classifier", agent], history.AgentCalls().Select(c => c.Request().AgentName));
    }

    [Fact]
    public async Task ResearchTeam_ResearchesEverySubtopicThenSynthesizesOneReport()
    {
        await using WorkflowHost host = WorkflowHost.Start();
        string[] subtopics = ["costs", "safety", "lifetime"];

        OrchestrationMetadataAssert done = await OrchestrationMetadataAssert.CompletedAsync(
            host, "ResearchTeam", new { topic = "Home batteries", subtopics });

        JsonNode output = done.Output<JsonNode>();
        JsonArray findings = output["findings"]!.AsArray();
        Assert.Equal(subtopics, findings.Select(f => f!["subtopic"]!.GetValue<string>()));
        Assert.All(findings, f => Assert.Equal("researcher", f!["finding"]!["agent"]!.GetValue<string>()));
        Assert.Equal("synthesizer", output["synthesizedBy"]!.GetValue<string>());
        Assert.StartsWith("[offline]", output["report"]!.GetValue<string>(), StringComparison.Ordinal);
        IList<HistoryEvent> history = await host.HistoryAsync(done.InstanceId);
        Assert.Equal(["researcher", "researcher", "researcher", "synthesizer"], history.AgentCalls().Select(c => c.Request().AgentName));
        Assert.Contains("Research safety for a report on Home batteries", history.AgentCalls()[1].Request().Prompt, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RefundSaga_SmallAmount_RefundsWithoutAskingAnyone()
    {
        await using WorkflowHost host = WorkflowHost.Start();

        OrchestrationMetadataAssert done = await OrchestrationMetadataAssert.CompletedAsync(host, "RefundSaga", new { orderId = "O-1", amount = 40 });

        JsonNode output = done.Output<JsonNode>();
        Assert.Equal("HLD-O-1", output["holdId"]!.GetValue<string>());
        Assert.Equal("RFD-O-1", output["refundId"]!.GetValue<string>());
        Assert.True(output["notified"]!.GetValue<bool>());
        Assert.Equal(
            [ValidateRefundActivity.ActivityName, HoldRefundFundsActivity.ActivityName, IssueRefundActivity.ActivityName, NotifyRefundActivity.ActivityName],
            await ActivitiesAsync(host, done.InstanceId));
    }

    [Fact]
    public async Task RefundSaga_GatewayFailsTwice_RetriesThePaymentAndRefunds()
    {
        await using WorkflowHost host = WorkflowHost.Start();

        OrchestrationMetadataAssert done = await OrchestrationMetadataAssert.CompletedAsync(
            host, "RefundSaga", new { orderId = "O-2", amount = 60, simulate = new { gatewayFailures = 2 } });

        Assert.Equal("RFD-O-2", done.Output<JsonNode>()["refundId"]!.GetValue<string>());
        IList<HistoryEvent> history = await host.HistoryAsync(done.InstanceId);
        Assert.Equal(3, history.Scheduled(IssueRefundActivity.ActivityName).Count);
        Assert.Equal(2, history.Failures(IssueRefundActivity.ActivityName).Count);
    }

    [Fact]
    public async Task RefundSaga_GatewayKeepsFailing_CatchesAndReleasesTheHold()
    {
        await using WorkflowHost host = WorkflowHost.Start();

        OrchestrationMetadataAssert done = await OrchestrationMetadataAssert.FailedAsync(
            host, "RefundSaga", new { orderId = "O-3", amount = 60, simulate = new { gatewayFailures = 5 } });

        Assert.StartsWith("Refund.PaymentFailed:", done.Failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(
            [
                ValidateRefundActivity.ActivityName, HoldRefundFundsActivity.ActivityName,
                IssueRefundActivity.ActivityName, IssueRefundActivity.ActivityName, IssueRefundActivity.ActivityName,
                ReleaseRefundFundsActivity.ActivityName,
            ],
            await ActivitiesAsync(host, done.InstanceId));
    }

    [Fact]
    public async Task RefundSaga_CustomerUnreachable_UndoesRefundThenHoldAndFailsWithTheError()
    {
        await using WorkflowHost host = WorkflowHost.Start();

        OrchestrationMetadataAssert done = await OrchestrationMetadataAssert.FailedAsync(
            host, "RefundSaga", new { orderId = "O-4", amount = 60, simulate = new { customerUnreachable = true } });

        Assert.StartsWith(typeof(CustomerUnreachableException).FullName + ":", done.Failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(
            [
                ValidateRefundActivity.ActivityName, HoldRefundFundsActivity.ActivityName, IssueRefundActivity.ActivityName,
                NotifyRefundActivity.ActivityName, ReverseRefundActivity.ActivityName, ReleaseRefundFundsActivity.ActivityName,
            ],
            await ActivitiesAsync(host, done.InstanceId));
    }

    [Fact]
    public async Task RefundSaga_InvalidAmount_FailsBeforeAnySideEffect()
    {
        await using WorkflowHost host = WorkflowHost.Start();

        OrchestrationMetadataAssert done = await OrchestrationMetadataAssert.FailedAsync(host, "RefundSaga", new { orderId = "O-5", amount = -3 });

        Assert.StartsWith("Refund.Invalid:", done.Failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal([ValidateRefundActivity.ActivityName], await ActivitiesAsync(host, done.InstanceId));
    }

    [Theory]
    [InlineData(true, null)]
    [InlineData(false, "Refund.Rejected:")]
    public async Task RefundSaga_LargeAmount_WaitsForTheApprovalAndFollowsTheAnswer(bool approved, string? failure)
    {
        await using WorkflowHost host = WorkflowHost.Start();
        string id = await host.StartAsync("RefundSaga", new { orderId = "O-6", amount = 250 });
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.StateAsync(id)).RuntimeStatus);

        await host.Client.RaiseEventAsync(
            id, ApprovalContextExtensions.GetEventName(ShippedDeclarativeWorkflows.RefundApprovalName), new ApprovalDecision(approved, "ana", "checked"));
        OrchestrationMetadata done = await host.CompletionAsync(id);

        IReadOnlyList<string> activities = await ActivitiesAsync(host, id);
        if (failure is null)
        {
            Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.RuntimeStatus}: {done.FailureDetails}");
            Assert.Equal("RFD-O-6", JsonNode.Parse(done.SerializedOutput!)!["refundId"]!.GetValue<string>());
            Assert.Contains(IssueRefundActivity.ActivityName, activities);
        }
        else
        {
            Assert.Equal(OrchestrationRuntimeStatus.Failed, done.RuntimeStatus);
            Assert.StartsWith(failure, done.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
            Assert.Equal([ValidateRefundActivity.ActivityName, HoldRefundFundsActivity.ActivityName, ReleaseRefundFundsActivity.ActivityName], activities);
        }
    }

    [Fact]
    public async Task RefundSaga_NobodyAnswers_TimesOutAndReleasesTheHold()
    {
        await using WorkflowHost host = WorkflowHost.Start();

        OrchestrationMetadataAssert done = await OrchestrationMetadataAssert.FailedAsync(host, "RefundSaga", new { orderId = "O-7", amount = 500 });

        Assert.StartsWith("Refund.ApprovalTimedOut:", done.Failure.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(
            [ValidateRefundActivity.ActivityName, HoldRefundFundsActivity.ActivityName, ReleaseRefundFundsActivity.ActivityName],
            await ActivitiesAsync(host, done.InstanceId));
    }

    private static async Task<IReadOnlyList<string>> ActivitiesAsync(WorkflowHost host, string instanceId) =>
        (await host.HistoryAsync(instanceId)).OfType<TaskScheduledEvent>().Select(e => e.Name).ToList();
}
