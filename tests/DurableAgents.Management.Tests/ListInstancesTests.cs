using System.Net;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using DurableAgents.Management.Tests.Infrastructure;

namespace DurableAgents.Management.Tests;

public sealed class ListInstancesTests
{
    private const string Base = "/runtime/webhooks/durabletask";

    [Fact]
    public async Task List_ByStatusAndPrefix_ReturnsMatchingInstances()
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync();
        string done1 = await f.StartAsync(TestOrchestrations.Echo, 1, "batch-a-1");
        string done2 = await f.StartAsync(TestOrchestrations.Echo, 2, "batch-a-2");
        string running = await f.StartAsync(TestOrchestrations.WaitForGo, null, "batch-a-3");
        string other = await f.StartAsync(TestOrchestrations.Echo, 3, "batch-b-1");
        foreach (string id in new[] { done1, done2, other })
        {
            await f.Client.WaitForInstanceCompletionAsync(id).WaitAsync(ManagementFixture.Deadline);
        }

        await f.WaitUntilAsync(running, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        using HttpResponseMessage response = await f.Http.GetAsync($"{Base}/instances?instanceIdPrefix=batch-a-&runtimeStatus=Completed,Running");
        JsonElement page = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(new[] { done1, done2, running }.Order(), page.EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()!).Order());
        Assert.False(response.Headers.Contains("x-ms-continuation-token"));

        using HttpResponseMessage onlyRunning = await f.Http.GetAsync($"{Base}/instances?runtimeStatus=running");
        JsonElement runningPage = await HttpAssert.JsonAsync(onlyRunning, HttpStatusCode.OK);
        Assert.Equal([running], runningPage.EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()!));
        Assert.Equal("Running", runningPage[0].GetProperty("runtimeStatus").GetString());
    }

    [Fact]
    public async Task List_ShowInputFalse_OmitsInputs()
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync();
        string id = await f.StartAsync(TestOrchestrations.Echo, "in");
        await f.Client.WaitForInstanceCompletionAsync(id).WaitAsync(ManagementFixture.Deadline);

        JsonElement withInput = await HttpAssert.JsonAsync(await f.Http.GetAsync($"{Base}/instances"), HttpStatusCode.OK);
        JsonElement withoutInput = await HttpAssert.JsonAsync(await f.Http.GetAsync($"{Base}/instances?showInput=false"), HttpStatusCode.OK);

        Assert.Equal("in", withInput[0].GetProperty("input").GetString());
        Assert.Equal(JsonValueKind.Null, withoutInput[0].GetProperty("input").ValueKind);
        Assert.Equal("in", withoutInput[0].GetProperty("output").GetString());
    }

    [Fact]
    public async Task List_WithTop_PagesThroughContinuationTokenHeader()
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync();
        var started = new List<string>();
        for (int i = 0; i < 7; i++)
        {
            started.Add(await f.StartAsync(TestOrchestrations.Echo, i, $"page-{i}"));
        }

        var seen = new List<string>();
        string? token = null;
        int pages = 0;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{Base}/instances?top=3");
            if (token is not null)
            {
                request.Headers.Add("x-ms-continuation-token", token);
            }

            using HttpResponseMessage response = await f.Http.SendAsync(request);
            JsonElement page = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
            Assert.InRange(page.GetArrayLength(), 1, 3);
            seen.AddRange(page.EnumerateArray().Select(i => i.GetProperty("instanceId").GetString()!));
            token = response.Headers.TryGetValues("x-ms-continuation-token", out IEnumerable<string>? values) ? values.Single() : null;
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Equal(started.Order(), seen.Order());
        Assert.Equal(3, pages);
    }

    [Fact]
    public async Task List_ByCreatedTime_FiltersByRange()
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync();
        string id = await f.StartAsync(TestOrchestrations.Echo, 1);
        OrchestrationMetadata metadata = await f.Client.WaitForInstanceCompletionAsync(id).WaitAsync(ManagementFixture.Deadline);
        string before = metadata.CreatedAt.AddMinutes(-1).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        string after = metadata.CreatedAt.AddMinutes(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture);

        JsonElement inRange = await HttpAssert.JsonAsync(
            await f.Http.GetAsync($"{Base}/instances?createdTimeFrom={Uri.EscapeDataString(before)}&createdTimeTo={Uri.EscapeDataString(after)}"), HttpStatusCode.OK);
        JsonElement later = await HttpAssert.JsonAsync(
            await f.Http.GetAsync($"{Base}/instances?createdTimeFrom={Uri.EscapeDataString(after)}"), HttpStatusCode.OK);

        Assert.Equal(id, inRange[0].GetProperty("instanceId").GetString());
        Assert.Equal(0, later.GetArrayLength());
    }

    [Theory]
    [InlineData("runtimeStatus=Running,Sleeping", "runtimeStatus", "'Sleeping'")]
    [InlineData("runtimeStatus=3", "runtimeStatus", "'3'")]
    [InlineData("top=0", "top", "from 1 to 1000")]
    [InlineData("top=many", "top", "from 1 to 1000")]
    [InlineData("createdTimeFrom=yesterday", "createdTimeFrom", "ISO 8601")]
    [InlineData("instanceIdPrefix=a%23", "instanceIdPrefix", "'#'")]
    public async Task List_UnreadableQuery_Returns400Problem(string query, string field, string detail)
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync();

        using HttpResponseMessage response = await f.Http.GetAsync($"{Base}/instances?{query}");

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, field, detail);
    }
}
