using Grpc.Core;
using DurableAgents.Protocol;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using DurableAgents.Host.Tests.Infrastructure;
using DurableAgents.Workflows.Research;
using DurableAgents.Workflows.Supervisor;

namespace DurableAgents.Host.Tests;

/// <summary>The management API's status codes over the real engine and SQLite store of the all-in-one host, with an API key.</summary>
public sealed class ManagementApiTests(ApiKeyHostFixture fixture) : IClassFixture<ApiKeyHostFixture>
{
    private const string Problem = "urn:durableagents:problem:";

    private ManagementApi Api => fixture.Host.Api;

    [Fact]
    public async Task StartOrchestration_IdOfRunningInstance_Returns409()
    {
        using HttpResponseMessage response = await Api.StartAsync(SupervisorWorkflow.OrchestratorName, new { request = "Again" }, fixture.RunningId);

        await AssertProblemAsync(response, HttpStatusCode.Conflict, "instance-exists");
        OrchestrationMetadata? running = await fixture.Host.Client.GetInstanceAsync(fixture.RunningId, getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Running, running!.RuntimeStatus);
        Assert.DoesNotContain("Again", running.SerializedInput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartOrchestration_UnknownName_Returns400ListingTheShippedOrchestrators()
    {
        using HttpResponseMessage response = await Api.StartAsync("NoSuchWorkflow", new { request = "x" });

        JsonNode problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "unknown-orchestrator");
        string detail = problem["detail"]!.GetValue<string>();
        Assert.Contains("NoSuchWorkflow", detail, StringComparison.Ordinal);
        Assert.Contains(SupervisorWorkflow.OrchestratorName, detail, StringComparison.Ordinal);
        Assert.Contains(ResearchAssistantWorkflow.OrchestratorName, detail, StringComparison.Ordinal);
        Assert.Contains("CustomerSupportWorkflow", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GetInstance_UnknownId_Returns404()
    {
        using HttpResponseMessage response = await Api.GetInstanceAsync("no-such-instance-" + Guid.NewGuid().ToString("N"));

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "instance-not-found");
    }

    [Fact]
    public async Task RaiseEvent_CompletedInstance_Returns410()
    {
        using HttpResponseMessage response = await Api.Http.PostAsJsonAsync(
            $"{ManagementApi.BasePath}instances/{fixture.CompletedId}/raiseEvent/late-news", new { text = "too late" });

        await AssertProblemAsync(response, HttpStatusCode.Gone, "instance-terminal");
    }

    [Fact]
    public async Task PurgeInstance_Running_Returns412AndKeepsIt()
    {
        using HttpResponseMessage response = await Api.Http.DeleteAsync($"{ManagementApi.BasePath}instances/{fixture.RunningId}");

        await AssertProblemAsync(response, HttpStatusCode.PreconditionFailed, "instance-not-terminal");
        using HttpResponseMessage status = await Api.GetInstanceAsync(fixture.RunningId);
        Assert.Equal(HttpStatusCode.Accepted, status.StatusCode);
    }

    [Fact]
    public async Task PurgeInstance_Completed_Returns200AndTheInstanceIsGone()
    {
        string id = await fixture.RunResearchToCompletionAsync();

        using HttpResponseMessage response = await Api.Http.DeleteAsync($"{ManagementApi.BasePath}instances/{id}");

        JsonNode body = await ManagementApi.ReadJsonAsync(response);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, body["instancesDeleted"]!.GetValue<int>());
        using HttpResponseMessage status = await Api.GetInstanceAsync(id);
        Assert.Equal(HttpStatusCode.NotFound, status.StatusCode);
        Assert.Null(await fixture.Host.Client.GetInstanceAsync(id));
    }

    [Fact]
    public async Task ListInstances_TopAndContinuationToken_PagesThroughEveryMatchingInstanceOnce()
    {
        string prefix = "paging-" + Guid.NewGuid().ToString("N")[..8] + "-";
        string[] ids = Enumerable.Range(1, 5).Select(i => prefix + i).ToArray();
        foreach (string id in ids)
        {
            await Api.StartInstanceAsync(ResearchAssistantWorkflow.OrchestratorName, new { topic = "Paging " + id }, id);
        }

        var seen = new List<string>();
        string? token = null;
        int pages = 0;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{ManagementApi.BasePath}instances?instanceIdPrefix={prefix}&top=2");
            if (token is not null)
            {
                request.Headers.Add("x-ms-continuation-token", token);
            }

            using HttpResponseMessage response = await Api.Http.SendAsync(request);
            JsonNode body = await ManagementApi.ReadJsonAsync(response);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            JsonArray page = body.AsArray();
            Assert.InRange(page.Count, 0, 2);
            seen.AddRange(page.Select(i => i!["instanceId"]!.GetValue<string>()));
            token = response.Headers.TryGetValues("x-ms-continuation-token", out IEnumerable<string>? values) ? values.Single() : null;
            Assert.True(++pages <= 10, "The continuation tokens never ended.");
        }
        while (token is not null);

        Assert.True(pages >= 3, $"Five instances in pages of two took {pages} pages.");
        Assert.Equal(ids.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Requests_WithoutTheApiKey_Return401WhileTheWorkerRunsWithTheKeyTheHostPassedIt()
    {
        using var anonymous = new ManagementApi(fixture.Setup.HttpAddress, apiKey: null);
        using var wrongKey = new ManagementApi(fixture.Setup.HttpAddress, apiKey: "not-the-key");

        using (HttpResponseMessage list = await anonymous.Http.GetAsync(ManagementApi.BasePath + "instances"))
        {
            await AssertProblemAsync(list, HttpStatusCode.Unauthorized, "unauthorized");
        }

        using (HttpResponseMessage start = await anonymous.StartAsync(ResearchAssistantWorkflow.OrchestratorName, new { topic = "x" }))
        {
            await AssertProblemAsync(start, HttpStatusCode.Unauthorized, "unauthorized");
        }

        using (HttpResponseMessage approvals = await wrongKey.Http.GetAsync(ManagementApi.ApprovalsPath))
        {
            await AssertProblemAsync(approvals, HttpStatusCode.Unauthorized, "unauthorized");
        }

        // The gRPC surface wants the same key.
        using (SidecarConnection keylessConnection = SidecarConnection.Open(fixture.Setup.GrpcAddress.ToString()))
        await using (DurableTaskClient keyless = keylessConnection.CreateDurableTaskClient())
        {
            RpcException refused = await Assert.ThrowsAsync<RpcException>(() => keyless.GetInstanceAsync(fixture.CompletedId));
            Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
        }

        // The host's own worker connected with the key: a run started with the key completes.
        string id = await fixture.RunResearchToCompletionAsync();
        using HttpResponseMessage status = await Api.GetInstanceAsync(id);
        JsonNode body = await ManagementApi.ReadJsonAsync(status);
        Assert.Equal(HttpStatusCode.OK, status.StatusCode);
        Assert.Equal("Completed", body["runtimeStatus"]!.GetValue<string>());
    }

    private static async Task<JsonNode> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode expected, string slug)
    {
        JsonNode body = await ManagementApi.ReadJsonAsync(response);
        Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {body.ToJsonString()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Problem + slug, body["type"]!.GetValue<string>());
        Assert.Equal((int)expected, body["status"]!.GetValue<int>());
        return body;
    }
}
