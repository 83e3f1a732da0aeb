using System.Net;
using System.Text.Json;
using DurableAgents.Approvals;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using DurableAgents.History;
using DurableAgents.Management.Tests.Infrastructure;

namespace DurableAgents.Management.Tests;

public sealed class ApprovalApiTests
{
    private const string Approvals = "/api/approvals";

    [Fact]
    public async Task WaitingInstance_IsListedWithDetailsSinceAndInputSummary()
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync();
        string longTitle = new('t', 300);
        string id = await f.StartAsync(TestOrchestrations.Publish, new { title = longTitle });
        OrchestrationMetadata waiting = await f.WaitForApprovalAsync(id);

        using HttpResponseMessage response = await f.Http.GetAsync(Approvals);

        JsonElement item = (await HttpAssert.JsonAsync(response, HttpStatusCode.OK)).EnumerateArray().Single();
        Assert.Equal(id, item.GetProperty("instanceId").GetString());
        Assert.Equal(TestOrchestrations.Publish, item.GetProperty("orchestratorName").GetString());
        Assert.Equal(TestOrchestrations.ApprovalName, item.GetProperty("name").GetString());
        Assert.Equal("Running", item.GetProperty("runtimeStatus").GetString());
        Assert.Equal(longTitle, item.GetProperty("details").GetProperty("title").GetString());
        DateTime since = item.GetProperty("since").GetDateTime().ToUniversalTime();
        DateTime expiresAt = item.GetProperty("expiresAt").GetDateTime().ToUniversalTime();
        Assert.Equal(TestOrchestrations.ApprovalTimeout, expiresAt - since);
        Assert.InRange(since, waiting.CreatedAt.UtcDateTime.AddSeconds(-1), waiting.LastUpdatedAt.UtcDateTime.AddSeconds(1));
        string summary = item.GetProperty("inputSummary").GetString()!;
        Assert.Equal(201, summary.Length);
        Assert.StartsWith("{\"title\":\"ttt", summary, StringComparison.Ordinal);
        Assert.EndsWith("…", summary, StringComparison.Ordinal);
        Assert.Equal($"{f.Server.BaseAddress.GetLeftPart(UriPartial.Authority)}{Approvals}/{id}/{TestOrchestrations.ApprovalName}", item.GetProperty("answerPostUri").GetString());
    }

    [Fact]
    public async Task List_FiltersByName_AndLeavesOutInstancesNotWaiting()
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync();
        string waiting = await f.StartAsync(TestOrchestrations.Publish, new { title = "a" });
        await f.StartAsync(TestOrchestrations.WaitForGo);
        await f.WaitForApprovalAsync(waiting);

        JsonElement all = await HttpAssert.JsonAsync(await f.Http.GetAsync(Approvals), HttpStatusCode.OK);
        JsonElement byName = await HttpAssert.JsonAsync(await f.Http.GetAsync($"{Approvals}?name=publish"), HttpStatusCode.OK);
        JsonElement otherName = await HttpAssert.JsonAsync(await f.Http.GetAsync($"{Approvals}?name=deploy"), HttpStatusCode.OK);

        Assert.Equal([waiting], all.EnumerateArray().Select(a => a.GetProperty("instanceId").GetString()));
        Assert.Equal(1, byName.GetArrayLength());
        Assert.Equal(0, otherName.GetArrayLength());
    }

    [Fact]
    public async Task Approve_CompletesInstanceWithApproverAndComment()
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync();
        string id = await f.StartAsync(TestOrchestrations.Publish, new { title = "Q3 report" });
        await f.WaitForApprovalAsync(id);

        using HttpResponseMessage response = await f.Http.PostAsync($"{Approvals}/{id}/publish",
            HttpAssert.Json("{\"approved\":true,\"approver\":\"ana\",\"comment\":\"ship it\"}"));

        JsonElement ack = await HttpAssert.JsonAsync(response, HttpStatusCode.Accepted);
        Assert.Equal("approval:publish", ack.GetProperty("eventName").GetString());
        Assert.True(ack.GetProperty("approved").GetBoolean());
        Assert.EndsWith($"/instances/{id}", response.Headers.Location!.ToString(), StringComparison.Ordinal);

        OrchestrationMetadata done = await f.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true).WaitAsync(ManagementFixture.Deadline);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        using JsonDocument output = JsonDocument.Parse(done.SerializedOutput!);
        Assert.Equal("Approved", output.RootElement.GetProperty("outcome").GetString());
        Assert.Equal("ana", output.RootElement.GetProperty("approver").GetString());
        Assert.Equal("ship it", output.RootElement.GetProperty("comment").GetString());
        Assert.True(ApprovalCustomStatus.TryParse(done.SerializedCustomStatus, out ApprovalCustomStatus? status));
        Assert.Null(status.WaitingForApproval);
        Assert.Equal(ApprovalOutcome.Approved, status.ApprovalDecided!.Outcome);
        Assert.Equal("ana", status.ApprovalDecided.Approver);
        Assert.Equal(0, (await HttpAssert.JsonAsync(await f.Http.GetAsync(Approvals), HttpStatusCode.OK)).GetArrayLength());
    }

    [Fact]
    public async Task Reject_CompletesInstanceWithRejectedOutcome()
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync();
        string id = await f.StartAsync(TestOrchestrations.Publish, new { title = "x" });
        await f.WaitForApprovalAsync(id);

        using HttpResponseMessage response = await f.Http.PostAsync($"{Approvals}/{id}/publish", HttpAssert.Json("{\"approved\":false,\"approver\":\"bo\"}"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        OrchestrationMetadata done = await f.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true).WaitAsync(ManagementFixture.Deadline);
        ApprovalResult result = done.ReadOutputAs<ApprovalResult>()!;
        Assert.Equal(ApprovalOutcome.Rejected, result.Outcome);
        Assert.Equal("bo", result.Approver);
        Assert.Null(result.Comment);
    }

    [Fact]
    public async Task RaiseEventRoute_StrayPayloadIsIgnored_DecisionIsApplied()
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync();
        string id = await f.StartAsync(TestOrchestrations.Publish, new { title = "x" });
        await f.WaitForApprovalAsync(id);
        string raise = $"/runtime/webhooks/durabletask/instances/{id}/raiseEvent/approval:publish";

        using HttpResponseMessage stray = await f.Http.PostAsync(raise, HttpAssert.Json("{\"approved\":\"maybe\"}"));
        Assert.Equal(HttpStatusCode.Accepted, stray.StatusCode);
        JsonElement stillWaiting = await HttpAssert.JsonAsync(await f.Http.GetAsync(Approvals), HttpStatusCode.OK);
        Assert.Equal(id, stillWaiting.EnumerateArray().Single().GetProperty("instanceId").GetString());

        using HttpResponseMessage decision = await f.Http.PostAsync(raise, HttpAssert.Json("{\"approved\":true,\"approver\":\"ops\"}"));
        Assert.Equal(HttpStatusCode.Accepted, decision.StatusCode);
        OrchestrationMetadata done = await f.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true).WaitAsync(ManagementFixture.Deadline);
        Assert.Equal(new ApprovalResult(ApprovalOutcome.Approved, "ops", null, done.ReadOutputAs<ApprovalResult>()!.DecidedAt), done.ReadOutputAs<ApprovalResult>());
        Assert.Equal(2, await CountApprovalEventsAsync(f, id));
    }

    [Fact]
    public async Task SecondAnswer_AfterInstanceConsumedFirst_Returns409AndIsNotApplied()
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync();
        string id = await f.StartAsync(TestOrchestrations.Publish, new { title = "x" });
        await f.WaitForApprovalAsync(id);
        using HttpResponseMessage first = await f.Http.PostAsync($"{Approvals}/{id}/publish", HttpAssert.Json("{\"approved\":true,\"approver\":\"ana\"}"));
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        await f.Client.WaitForInstanceCompletionAsync(id).WaitAsync(ManagementFixture.Deadline);

        using HttpResponseMessage second = await f.Http.PostAsync($"{Approvals}/{id}/publish", HttpAssert.Json("{\"approved\":false,\"approver\":\"bo\"}"));

        await HttpAssert.ProblemAsync(second, HttpStatusCode.Conflict, "name", "already approved by 'ana'");
        Assert.Equal(1, await CountApprovalEventsAsync(f, id));
    }

    [Fact]
    public async Task SecondAnswer_BeforeInstanceConsumedFirst_Returns409()
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync();
        string id = await f.StartAsync(TestOrchestrations.Publish, new { title = "x" });
        await f.WaitForApprovalAsync(id);
        // Suspended, the instance keeps the first answer unprocessed, so its status still says it is waiting.
        await f.Client.SuspendInstanceAsync(id, "hold");
        await f.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Suspended);

        using HttpResponseMessage first = await f.Http.PostAsync($"{Approvals}/{id}/publish", HttpAssert.Json("{\"approved\":true,\"approver\":\"ana\"}"));
        using HttpResponseMessage second = await f.Http.PostAsync($"{Approvals}/{id}/publish", HttpAssert.Json("{\"approved\":false,\"approver\":\"bo\"}"));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        await HttpAssert.ProblemAsync(second, HttpStatusCode.Conflict, "name", "already approved by 'ana'");
        await f.Client.ResumeInstanceAsync(id, "go");
        OrchestrationMetadata done = await f.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true).WaitAsync(ManagementFixture.Deadline);
        Assert.Equal(ApprovalOutcome.Approved, done.ReadOutputAs<ApprovalResult>()!.Outcome);
        Assert.Equal(1, await CountApprovalEventsAsync(f, id));
    }

    [Fact]
    public async Task ConcurrentAnswers_ExactlyOneIsApplied()
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync();
        string id = await f.StartAsync(TestOrchestrations.Publish, new { title = "race" });
        await f.WaitForApprovalAsync(id);

        HttpResponseMessage[] responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            f.Http.PostAsync($"{Approvals}/{id}/publish", HttpAssert.Json($"{{\"approved\":{(i % 2 == 0 ? "true" : "false")},\"approver\":\"user{i}\"}}"))));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Accepted));
        Assert.Equal(7, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        OrchestrationMetadata done = await f.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true).WaitAsync(ManagementFixture.Deadline);
        Assert.Equal(1, await CountApprovalEventsAsync(f, id));
        string winner = (await HttpAssert.JsonAsync(responses.Single(r => r.StatusCode == HttpStatusCode.Accepted), HttpStatusCode.Accepted))
            .GetProperty("approver").GetString()!;
        Assert.Equal(winner, done.ReadOutputAs<ApprovalResult>()!.Approver);
        foreach (HttpResponseMessage response in responses)
        {
            response.Dispose();
        }
    }

    [Fact]
    public async Task Timeout_WithVirtualTime_EndsTimedOutAndRefusesLaterAnswers()
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync();
        string id = await f.StartAsync(TestOrchestrations.Publish, new { title = "late" });
        OrchestrationMetadata waiting = await f.WaitForApprovalAsync(id);
        Assert.True(ApprovalCustomStatus.TryParse(waiting.SerializedCustomStatus, out ApprovalCustomStatus? status));

        await f.AdvanceTimeAsync(TestOrchestrations.ApprovalTimeout + TimeSpan.FromMinutes(1));

        OrchestrationMetadata done = await f.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true).WaitAsync(ManagementFixture.Deadline);
        ApprovalResult result = done.ReadOutputAs<ApprovalResult>()!;
        Assert.Equal(ApprovalOutcome.TimedOut, result.Outcome);
        Assert.Null(result.Approver);
        Assert.True(result.DecidedAt >= status.WaitingForApproval!.ExpiresAt);
        using HttpResponseMessage late = await f.Http.PostAsync($"{Approvals}/{id}/publish", HttpAssert.Json("{\"approved\":true}"));
        await HttpAssert.ProblemAsync(late, HttpStatusCode.Conflict, "name", "already timed out");
    }

    [Fact]
    public async Task Answer_InstanceNotWaitingForThatApproval_Returns404Problem()
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync();
        string waiting = await f.StartAsync(TestOrchestrations.Publish, new { title = "x" });
        string notWaiting = await f.StartAsync(TestOrchestrations.WaitForGo);
        await f.WaitForApprovalAsync(waiting);
        await f.WaitUntilAsync(notWaiting, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        using HttpResponseMessage otherName = await f.Http.PostAsync($"{Approvals}/{waiting}/deploy", HttpAssert.Json("{\"approved\":true}"));
        using HttpResponseMessage noApproval = await f.Http.PostAsync($"{Approvals}/{notWaiting}/publish", HttpAssert.Json("{\"approved\":true}"));
        using HttpResponseMessage unknown = await f.Http.PostAsync($"{Approvals}/{ManagementFixture.NewId()}/publish", HttpAssert.Json("{\"approved\":true}"));

        await HttpAssert.ProblemAsync(otherName, HttpStatusCode.NotFound, "name", "it is waiting for approval 'publish'");
        await HttpAssert.ProblemAsync(noApproval, HttpStatusCode.NotFound, "name", "not waiting for any approval");
        await HttpAssert.ProblemAsync(unknown, HttpStatusCode.NotFound, "instanceId");
    }

    [Theory]
    [InlineData("{}", "approved")]
    [InlineData("{\"approved\":\"yes\"}", "approved")]
    [InlineData("[true]", "approved")]
    [InlineData("{\"approved\":true,\"approver\":42}", "approver")]
    [InlineData("{\"approved\":true,\"comment\":{}}", "comment")]
    public async Task Answer_BodyWithoutValidDecision_Returns400Problem(string body, string field)
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync();
        string id = await f.StartAsync(TestOrchestrations.Publish, new { title = "x" });
        await f.WaitForApprovalAsync(id);

        using HttpResponseMessage response = await f.Http.PostAsync($"{Approvals}/{id}/publish", HttpAssert.Json(body));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, field);
        Assert.Equal(0, await CountApprovalEventsAsync(f, id));
    }

    [Fact]
    public async Task Answer_EmptyBody_Returns400Problem()
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync();

        using HttpResponseMessage response = await f.Http.PostAsync($"{Approvals}/any/publish", HttpAssert.Json(string.Empty));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "approved");
    }

    [Fact]
    public async Task Answer_InvalidApprovalName_Returns400Problem()
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync();

        using HttpResponseMessage response = await f.Http.PostAsync($"{Approvals}/any/{new string('n', 101)}", HttpAssert.Json("{\"approved\":true}"));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "name", "at most 100");
    }

    private static async Task<int> CountApprovalEventsAsync(ManagementFixture f, string id) =>
        (await f.GetHistoryAsync(id)).OfType<EventRaisedEvent>().Count(e => e.Name == "approval:publish");
}
