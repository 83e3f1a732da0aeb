using System.Net;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using DurableAgents.Management.Tests.Infrastructure;

namespace DurableAgents.Management.Tests;

public sealed class RaiseEventTests(SharedManagement shared) : IClassFixture<SharedManagement>
{
    private const string Base = "/runtime/webhooks/durabletask";
    private ManagementFixture F => shared.Fixture;

    [Fact]
    public async Task Raise_JsonBody_Returns202AndInstanceReceivesPayload()
    {
        string id = await F.StartAsync(TestOrchestrations.WaitForGo);

        using HttpResponseMessage response = await F.Http.PostAsync($"{Base}/instances/{id}/raiseEvent/go", HttpAssert.Json("{\"speed\":42}"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        OrchestrationMetadata done = await F.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true).WaitAsync(ManagementFixture.Deadline);
        Assert.Equal("{\"speed\":42}", done.SerializedOutput);
    }

    [Fact]
    public async Task Raise_MalformedJson_Returns400Problem()
    {
        string id = await F.StartAsync(TestOrchestrations.WaitForGo);

        using HttpResponseMessage response = await F.Http.PostAsync($"{Base}/instances/{id}/raiseEvent/go", HttpAssert.Json("{speed:42"));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "body", "not valid JSON");
    }

    [Fact]
    public async Task Raise_NotJsonContentType_Returns415Problem()
    {
        string id = await F.StartAsync(TestOrchestrations.WaitForGo);

        using HttpResponseMessage response = await F.Http.PostAsync($"{Base}/instances/{id}/raiseEvent/go", new StringContent("42"));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.UnsupportedMediaType, "Content-Type", "a body must be JSON");
    }

    [Fact]
    public async Task Raise_UnknownInstance_Returns404Problem()
    {
        using HttpResponseMessage response = await F.Http.PostAsync($"{Base}/instances/{ManagementFixture.NewId()}/raiseEvent/go", HttpAssert.Json("1"));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound, "instanceId");
    }

    [Fact]
    public async Task Raise_CompletedInstance_Returns410Problem()
    {
        string id = await F.StartAsync(TestOrchestrations.Echo, 1);
        await F.Client.WaitForInstanceCompletionAsync(id).WaitAsync(ManagementFixture.Deadline);

        using HttpResponseMessage response = await F.Http.PostAsync($"{Base}/instances/{id}/raiseEvent/go", HttpAssert.Json("1"));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Gone, "instanceId", "is Completed");
    }

    [Fact]
    public async Task Raise_EventNameTooLong_Returns400Problem()
    {
        using HttpResponseMessage response = await F.Http.PostAsync($"{Base}/instances/x/raiseEvent/{new string('e', 101)}", HttpAssert.Json("1"));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "eventName", "at most 100");
    }
}
