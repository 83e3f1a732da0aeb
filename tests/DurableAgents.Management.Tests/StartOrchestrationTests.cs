using System.Net;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using DurableAgents.Management.Tests.Infrastructure;

namespace DurableAgents.Management.Tests;

public sealed class StartOrchestrationTests(SharedManagement shared) : IClassFixture<SharedManagement>
{
    private const string Base = "/runtime/webhooks/durabletask";
    private ManagementFixture F => shared.Fixture;

    [Fact]
    public async Task Post_WithJsonInput_Returns202WithLocationRetryAfterAndAbsoluteLinks()
    {
        using HttpResponseMessage response = await F.Http.PostAsync($"{Base}/orchestrators/{TestOrchestrations.Hello}", HttpAssert.Json("\"Tokyo\""));

        JsonElement links = await HttpAssert.JsonAsync(response, HttpStatusCode.Accepted);
        string id = links.GetProperty("id").GetString()!;
        string instanceUri = $"{F.Server.BaseAddress.GetLeftPart(UriPartial.Authority)}{Base}/instances/{id}";
        Assert.Equal(instanceUri, links.GetProperty("statusQueryGetUri").GetString());
        Assert.Equal(instanceUri + "/raiseEvent/{eventName}", links.GetProperty("sendEventPostUri").GetString());
        Assert.Equal(instanceUri + "/terminate?reason={text}", links.GetProperty("terminatePostUri").GetString());
        Assert.Equal(instanceUri, links.GetProperty("purgeHistoryDeleteUri").GetString());
        Assert.Equal(instanceUri + "/restart", links.GetProperty("restartPostUri").GetString());
        Assert.Equal(instanceUri + "/suspend?reason={text}", links.GetProperty("suspendPostUri").GetString());
        Assert.Equal(instanceUri + "/resume?reason={text}", links.GetProperty("resumePostUri").GetString());
        Assert.Equal(new Uri(instanceUri), response.Headers.Location);
        Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.RetryAfter?.Delta);

        OrchestrationMetadata done = await F.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true).WaitAsync(ManagementFixture.Deadline);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("\"Hello Tokyo\"", done.SerializedOutput);
    }

    [Fact]
    public async Task Post_WithInstanceId_StartsThatInstance()
    {
        string id = ManagementFixture.NewId();

        using HttpResponseMessage response = await F.Http.PostAsync($"{Base}/orchestrators/{TestOrchestrations.Echo}/{id}", HttpAssert.Json("{\"n\":7}"));

        Assert.Equal(id, (await HttpAssert.JsonAsync(response, HttpStatusCode.Accepted)).GetProperty("id").GetString());
        OrchestrationMetadata done = await F.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true).WaitAsync(ManagementFixture.Deadline);
        Assert.Equal("{\"n\":7}", done.SerializedOutput);
    }

    [Fact]
    public async Task Post_EmptyBody_StartsWithNullInput()
    {
        string id = ManagementFixture.NewId();

        using HttpResponseMessage response = await F.Http.PostAsync($"{Base}/orchestrators/{TestOrchestrations.Echo}/{id}", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        OrchestrationMetadata done = await F.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true).WaitAsync(ManagementFixture.Deadline);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Null(done.SerializedInput);
    }

    [Fact]
    public async Task Post_IdOfRunningInstance_Returns409Problem()
    {
        string id = await F.StartAsync(TestOrchestrations.WaitForGo);

        using HttpResponseMessage response = await F.Http.PostAsync($"{Base}/orchestrators/{TestOrchestrations.WaitForGo}/{id}", null);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Conflict, "instanceId", $"'{id}' already exists");
    }

    [Fact]
    public async Task Post_IdOfCompletedInstance_StartsItAgain()
    {
        string id = await F.StartAsync(TestOrchestrations.Echo, 1);
        await F.Client.WaitForInstanceCompletionAsync(id).WaitAsync(ManagementFixture.Deadline);

        using HttpResponseMessage response = await F.Http.PostAsync($"{Base}/orchestrators/{TestOrchestrations.Echo}/{id}", HttpAssert.Json("2"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        OrchestrationMetadata done = await F.WaitUntilAsync(id, m => m.IsCompleted && m.SerializedOutput == "2");
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
    }

    [Theory]
    [InlineData("{\"a\":")]
    [InlineData("not json")]
    [InlineData("{'single':'quotes'}")]
    public async Task Post_MalformedJson_Returns400Problem(string body)
    {
        using HttpResponseMessage response = await F.Http.PostAsync($"{Base}/orchestrators/{TestOrchestrations.Echo}", HttpAssert.Json(body));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "body", "not valid JSON");
    }

    [Theory]
    [InlineData("orchestrators/Echo/a%23b", "instanceId", "'#'")]
    [InlineData("orchestrators/Echo/a%3Fb", "instanceId", "'?'")]
    [InlineData("orchestrators/Echo/a%5Cb", "instanceId", "'\\'")]
    [InlineData("orchestrators/Echo/a%2Fb", "instanceId", "'/'")]
    [InlineData("orchestrators/Echo/a%01b", "instanceId", "U+0001")]
    [InlineData("orchestrators/Ec%0Aho", "name", "U+000A")]
    public async Task Post_InvalidIdOrName_Returns400ProblemNamingFieldAndRule(string path, string field, string rule)
    {
        using HttpResponseMessage response = await F.Http.PostAsync($"{Base}/{path}", null);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, field, rule);
    }

    [Fact]
    public async Task Post_InstanceIdTooLong_Returns400Problem()
    {
        using HttpResponseMessage response = await F.Http.PostAsync($"{Base}/orchestrators/Echo/{new string('x', 101)}", null);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "instanceId", "at most 100");
    }

    [Fact]
    public async Task Post_WithTimeout_CompletedInTime_Returns200WithOutput()
    {
        using HttpResponseMessage response = await F.Http.PostAsync(
            $"{Base}/orchestrators/{TestOrchestrations.Hello}?timeout=60&pollingInterval=1", HttpAssert.Json("\"Oslo\""));

        JsonElement output = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("Hello Oslo", output.GetString());
    }

    [Fact]
    public async Task Post_WithTimeout_NotFinished_Returns202WithLinks()
    {
        string id = ManagementFixture.NewId();

        using HttpResponseMessage response = await F.Http.PostAsync($"{Base}/orchestrators/{TestOrchestrations.WaitForGo}/{id}?timeout=0.2", null);

        JsonElement links = await HttpAssert.JsonAsync(response, HttpStatusCode.Accepted);
        Assert.Equal(id, links.GetProperty("id").GetString());
        Assert.NotNull(response.Headers.Location);
    }

    [Theory]
    [InlineData("", HttpStatusCode.OK)]
    [InlineData("&returnInternalServerErrorOnFailure=true", HttpStatusCode.InternalServerError)]
    public async Task Post_WithTimeout_Failed_ReturnsStatus(string flag, HttpStatusCode expected)
    {
        using HttpResponseMessage response = await F.Http.PostAsync($"{Base}/orchestrators/{TestOrchestrations.Fail}?timeout=60{flag}", null);

        JsonElement status = await HttpAssert.JsonAsync(response, expected);
        Assert.Equal("Failed", status.GetProperty("runtimeStatus").GetString());
        Assert.Contains("boom", status.GetProperty("output").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_PollingIntervalAboveTimeout_Returns400Problem()
    {
        using HttpResponseMessage response = await F.Http.PostAsync($"{Base}/orchestrators/Echo?timeout=1&pollingInterval=5", null);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "pollingInterval", "must not exceed the timeout");
    }

    [Fact]
    public async Task Post_NegativeTimeout_Returns400Problem()
    {
        using HttpResponseMessage response = await F.Http.PostAsync($"{Base}/orchestrators/Echo?timeout=-1", null);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "timeout");
    }

    [Fact]
    public async Task Get_OnStartRoute_Returns405()
    {
        using HttpResponseMessage response = await F.Http.GetAsync($"{Base}/orchestrators/Echo");

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }
}
