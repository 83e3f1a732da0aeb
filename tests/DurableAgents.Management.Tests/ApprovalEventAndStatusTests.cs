using System.Net;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using DurableAgents.Management.Tests.Infrastructure;

namespace DurableAgents.Management.Tests;

/// <summary>
/// The approvals listing says which external event answers each approval; an answer to an approval that existed but
/// is no longer pending is a conflict (409), one to an approval the instance never had is 404.
/// </summary>
public sealed class ApprovalEventAndStatusTests
{
    private const string Approvals = "/api/approvals";

    [Fact]
    public async Task Listed_approval_names_its_event_and_a_raiseEvent_uri_that_answers_it()
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync();
        string id = await f.StartAsync(TestOrchestrations.Publish, new { title = "t" });
        await f.WaitForApprovalAsync(id);

        JsonElement item = (await HttpAssert.JsonAsync(await f.Http.GetAsync(Approvals), HttpStatusCode.OK)).EnumerateArray().Single();
        string eventName = item.GetProperty("eventName").GetString()!;
        string sendEventPostUri = item.GetProperty("sendEventPostUri").GetString()!;
        using HttpResponseMessage raised = await f.Http.PostAsync(sendEventPostUri, HttpAssert.Json("{\"approved\":true,\"approver\":\"ana\"}"));

        Assert.Equal("approval:" + TestOrchestrations.ApprovalName, eventName);
        Assert.Equal(
            $"{f.Server.BaseAddress.GetLeftPart(UriPartial.Authority)}/runtime/webhooks/durabletask/instances/{id}/raiseEvent/{Uri.EscapeDataString(eventName)}",
            sendEventPostUri);
        Assert.Equal(HttpStatusCode.Accepted, raised.StatusCode);
        OrchestrationMetadata done = await f.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true).WaitAsync(ManagementFixture.Deadline);
        using JsonDocument output = JsonDocument.Parse(done.SerializedOutput!);
        Assert.Equal("Approved", output.RootElement.GetProperty("outcome").GetString());
        Assert.Equal("ana", output.RootElement.GetProperty("approver").GetString());
    }

    [Fact]
    public async Task Answer_after_the_instance_ended_while_waiting_is_409_approval_not_pending()
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync();
        string id = await f.StartAsync(TestOrchestrations.Publish, new { title = "t" });
        await f.WaitForApprovalAsync(id);
        await f.Client.TerminateInstanceAsync(id);
        await f.Client.WaitForInstanceCompletionAsync(id).WaitAsync(ManagementFixture.Deadline);

        using HttpResponseMessage late = await f.Http.PostAsync($"{Approvals}/{id}/{TestOrchestrations.ApprovalName}", HttpAssert.Json("{\"approved\":true}"));

        JsonElement problem = await HttpAssert.ProblemAsync(late, HttpStatusCode.Conflict, "name", "Terminated");
        Assert.Equal("urn:durableagents:problem:approval-not-pending", problem.GetProperty("type").GetString());
    }

    [Fact]
    public async Task Answer_after_the_instance_replaced_its_status_is_409_approval_already_answered()
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync();
        string id = await f.StartAsync(TestOrchestrations.PublishThenMoveOn);
        await f.WaitForApprovalAsync(id);
        using (HttpResponseMessage first = await f.Http.PostAsync($"{Approvals}/{id}/{TestOrchestrations.ApprovalName}", HttpAssert.Json("{\"approved\":true,\"approver\":\"ana\"}")))
        {
            Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        }

        OrchestrationMetadata done = await f.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true).WaitAsync(ManagementFixture.Deadline);
        using HttpResponseMessage late = await f.Http.PostAsync($"{Approvals}/{id}/{TestOrchestrations.ApprovalName}", HttpAssert.Json("{\"approved\":false}"));

        Assert.Equal("{\"phase\":\"published\"}", done.SerializedCustomStatus);
        JsonElement problem = await HttpAssert.ProblemAsync(late, HttpStatusCode.Conflict, "name", "already approved by 'ana'");
        Assert.Equal("urn:durableagents:problem:approval-already-answered", problem.GetProperty("type").GetString());
        Assert.Single((await f.GetHistoryAsync(id)).OfType<DurableAgents.History.EventRaisedEvent>());
    }

    [Fact]
    public async Task Answer_for_an_approval_the_instance_never_had_is_404_approval_not_found()
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync();
        string waiting = await f.StartAsync(TestOrchestrations.Publish, new { title = "t" });
        string finished = await f.StartAsync(TestOrchestrations.Echo, 1);
        await f.WaitForApprovalAsync(waiting);
        await f.Client.WaitForInstanceCompletionAsync(finished).WaitAsync(ManagementFixture.Deadline);

        using HttpResponseMessage otherName = await f.Http.PostAsync($"{Approvals}/{waiting}/deploy", HttpAssert.Json("{\"approved\":true}"));
        using HttpResponseMessage neverWaited = await f.Http.PostAsync($"{Approvals}/{finished}/publish", HttpAssert.Json("{\"approved\":true}"));

        JsonElement first = await HttpAssert.ProblemAsync(otherName, HttpStatusCode.NotFound, "name", "waiting for approval 'publish'");
        JsonElement second = await HttpAssert.ProblemAsync(neverWaited, HttpStatusCode.NotFound, "name", "is Completed");
        Assert.Equal("urn:durableagents:problem:approval-not-found", first.GetProperty("type").GetString());
        Assert.Equal("urn:durableagents:problem:approval-not-found", second.GetProperty("type").GetString());
    }
}
