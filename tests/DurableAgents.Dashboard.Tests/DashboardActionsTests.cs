using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DurableAgents.Dashboard.Tests.Infrastructure;
using DurableAgents.History;
using DurableAgents.Workflows.Supervisor;
using Microsoft.DurableTask.Client;

namespace DurableAgents.Dashboard.Tests;

/// <summary>
/// Each action of the dashboard, sent as its script sends it (method, route, query, <c>x-api-key</c> header) to a host
/// that requires an API key, and checked by what happened to the run.
/// </summary>
public sealed class DashboardActionsTests(KeyedHostFixture fixture) : IClassFixture<KeyedHostFixture>
{
    private const string Reason = "?reason=from%20the%20dashboard";

    private DashboardHost Host => fixture.Host;

    private static string Instance(string id) => $"{DashboardHost.BasePath}/instances/{Uri.EscapeDataString(id)}";

    [Fact]
    public async Task Terminate_EndsTheWaitingRunAsTerminated()
    {
        using CancellationTokenSource deadline = Deadline.Source();
        (string id, _) = await Host.StartWaitingSupervisorAsync();

        await SendAsync(HttpMethod.Post, Instance(id) + "/terminate" + Reason, HttpStatusCode.Accepted);

        OrchestrationMetadata done = await Host.Client.WaitForInstanceCompletionAsync(id, cancellation: deadline.Token);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
    }

    [Fact]
    public async Task SuspendThenResume_HoldsTheRunAndLetsItGoOn()
    {
        using CancellationTokenSource deadline = Deadline.Source();
        (string id, _) = await Host.StartWaitingSupervisorAsync();

        await SendAsync(HttpMethod.Post, Instance(id) + "/suspend" + Reason, HttpStatusCode.Accepted);
        await WaitForStatusAsync(id, OrchestrationRuntimeStatus.Suspended);

        await SendAsync(HttpMethod.Post, Instance(id) + "/resume" + Reason, HttpStatusCode.Accepted);
        await WaitForStatusAsync(id, OrchestrationRuntimeStatus.Running);

        // The status changes when the request is accepted; the events reach the history with the next episode.
        IReadOnlyList<HistoryEvent> history = await Deadline.UntilAsync(
            async () =>
            {
                IReadOnlyList<HistoryEvent> events = await Host.History.GetHistoryAsync(id, deadline.Token);
                return events.OfType<ExecutionResumedEvent>().Any() ? events : null;
            },
            $"the resume of {id} to be recorded in its history");
        Assert.Equal("from the dashboard", Assert.Single(history.OfType<ExecutionSuspendedEvent>()).Reason);
        Assert.Single(history.OfType<ExecutionResumedEvent>());
    }

    [Fact]
    public async Task Restart_StartsTheSameOrchestratorWithTheSameInputUnderANewId()
    {
        using CancellationTokenSource deadline = Deadline.Source();
        (string id, _) = await Host.StartWaitingSupervisorAsync();

        JsonNode started = await SendAsync(HttpMethod.Post, Instance(id) + "/restart", HttpStatusCode.Accepted);

        string newId = started["id"]!.GetValue<string>();
        Assert.NotEqual(id, newId);
        OrchestrationMetadata original = (await Host.Client.GetInstanceAsync(id, getInputsAndOutputs: true))!;
        OrchestrationMetadata restarted = await Host.Client.WaitForInstanceStartAsync(newId, getInputsAndOutputs: true, deadline.Token);
        Assert.Equal(SupervisorWorkflow.OrchestratorName, restarted.Name);
        Assert.Equal(original.SerializedInput, restarted.SerializedInput);
    }

    [Fact]
    public async Task Purge_DeletesAFinishedRun()
    {
        using CancellationTokenSource deadline = Deadline.Source();
        (string id, _) = await Host.StartWaitingSupervisorAsync();
        await Host.Client.TerminateInstanceAsync(id, cancellation: deadline.Token);
        await Host.Client.WaitForInstanceCompletionAsync(id, cancellation: deadline.Token);

        JsonNode purged = await SendAsync(HttpMethod.Delete, Instance(id), HttpStatusCode.OK);

        Assert.Equal(1, purged["instancesDeleted"]!.GetValue<int>());
        Assert.Null(await Host.Client.GetInstanceAsync(id));
    }

    [Fact]
    public async Task Purge_OfARunThatHasNotFinished_IsRefusedAndChangesNothing()
    {
        (string id, _) = await Host.StartWaitingSupervisorAsync();

        JsonNode problem = await SendAsync(HttpMethod.Delete, Instance(id), HttpStatusCode.PreconditionFailed);

        Assert.Equal("urn:durableagents:problem:instance-not-terminal", problem["type"]!.GetValue<string>());
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await Host.Client.GetInstanceAsync(id))!.RuntimeStatus);
    }

    [Theory]
    [InlineData(true, SubtaskStatus.Completed)]
    [InlineData(false, SubtaskStatus.Skipped)]
    public async Task AnswerApproval_ApprovesOrRejectsTheWaitingStep(bool approved, SubtaskStatus expected)
    {
        using CancellationTokenSource deadline = Deadline.Source();
        (string id, string approval) = await Host.StartWaitingSupervisorAsync();
        string body = $$"""{"approved":{{(approved ? "true" : "false")}},"approver":"ana","comment":"from the page"}""";

        await SendAsync(HttpMethod.Post, $"/api/approvals/{Uri.EscapeDataString(id)}/{Uri.EscapeDataString(approval)}", HttpStatusCode.Accepted,
            new StringContent(body, Encoding.UTF8, "application/json"));

        OrchestrationMetadata done = await Host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, deadline.Token);
        Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{done.RuntimeStatus}: {done.FailureDetails?.ErrorMessage}");
        SubtaskOutcome writing = done.ReadOutputAs<SupervisorReport>()!.Subtasks.Single(s => s.Risky);
        Assert.Equal(expected, writing.Status);
        if (approved)
        {
            Assert.Equal("ana", writing.Approver);
        }
        else
        {
            Assert.Contains("rejected by ana: from the page", done.SerializedOutput, StringComparison.Ordinal);
        }
    }

    private async Task<JsonNode> SendAsync(HttpMethod method, string path, HttpStatusCode expected, HttpContent? content = null)
    {
        using HttpRequestMessage request = Host.Request(method, path, content);
        using HttpResponseMessage response = await Host.Http.SendAsync(request);
        string text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"{method} {path} answered {(int)response.StatusCode}: {text}");
        return string.IsNullOrEmpty(text) ? new JsonObject() : JsonNode.Parse(text)!;
    }

    private Task WaitForStatusAsync(string id, OrchestrationRuntimeStatus status) =>
        Deadline.UntilAsync(
            async () => (await Host.Client.GetInstanceAsync(id))?.RuntimeStatus == status ? new object() : null,
            $"{id} to be {status}");
}
