using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using DurableAgents.Management.Tests.Infrastructure;

namespace DurableAgents.Management.Tests;

public sealed class GetInstanceTests(SharedManagement shared) : IClassFixture<SharedManagement>
{
    private const string Base = "/runtime/webhooks/durabletask";
    private ManagementFixture F => shared.Fixture;

    [Fact]
    public async Task Get_Running_Returns202WithLocationAndRetryAfter()
    {
        string id = await F.StartAsync(TestOrchestrations.WaitForGo, new { city = "Lima" });
        await F.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);
        string url = $"{Base}/instances/{id}?showInput=true";

        using HttpResponseMessage response = await F.Http.GetAsync(url);

        JsonElement status = await HttpAssert.JsonAsync(response, HttpStatusCode.Accepted);
        Assert.Equal("Running", status.GetProperty("runtimeStatus").GetString());
        Assert.Equal("Lima", status.GetProperty("input").GetProperty("city").GetString());
        Assert.Equal(new Uri(F.Server.BaseAddress, url), response.Headers.Location);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task Get_Suspended_Returns202()
    {
        string id = await F.StartAsync(TestOrchestrations.WaitForGo);
        await F.Client.SuspendInstanceAsync(id, "hold");
        await F.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Suspended);

        using HttpResponseMessage response = await F.Http.GetAsync($"{Base}/instances/{id}");

        JsonElement status = await HttpAssert.JsonAsync(response, HttpStatusCode.Accepted);
        Assert.Equal("Suspended", status.GetProperty("runtimeStatus").GetString());
        Assert.NotNull(response.Headers.Location);
        await F.Client.TerminateInstanceAsync(id, "cleanup");
    }

    [Fact]
    public async Task Get_PendingScheduledStart_Returns202()
    {
        string id = ManagementFixture.NewId();
        await F.Client.ScheduleNewOrchestrationInstanceAsync(TestOrchestrations.Echo, 1,
            new StartOrchestrationOptions(id, StartAt: new DateTimeOffset(2100, 1, 1, 0, 0, 0, TimeSpan.Zero)));

        using HttpResponseMessage response = await F.Http.GetAsync($"{Base}/instances/{id}?showHistory=true");

        JsonElement status = await HttpAssert.JsonAsync(response, HttpStatusCode.Accepted);
        Assert.Equal("Pending", status.GetProperty("runtimeStatus").GetString());
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        Assert.False(status.TryGetProperty("historyEvents", out _));
        await F.Client.TerminateInstanceAsync(id, "cleanup");
    }

    [Fact]
    public async Task Get_Completed_Returns200WithJsonValuesAndIsoTimes()
    {
        string id = await F.StartAsync(TestOrchestrations.Echo, new { n = 3, tags = new[] { "a" } });
        OrchestrationMetadata done = await F.Client.WaitForInstanceCompletionAsync(id).WaitAsync(ManagementFixture.Deadline);

        using HttpResponseMessage response = await F.Http.GetAsync($"{Base}/instances/{id}");

        JsonElement status = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.Null(response.Headers.Location);
        Assert.Equal(TestOrchestrations.Echo, status.GetProperty("name").GetString());
        Assert.Equal(id, status.GetProperty("instanceId").GetString());
        Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
        Assert.Equal(3, status.GetProperty("input").GetProperty("n").GetInt32());
        Assert.Equal(JsonValueKind.Object, status.GetProperty("output").ValueKind);
        Assert.Equal("a", status.GetProperty("output").GetProperty("tags")[0].GetString());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("customStatus").ValueKind);
        DateTime created = DateTime.ParseExact(status.GetProperty("createdTime").GetString()!, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal);
        Assert.Equal(done.CreatedAt.UtcDateTime.AddTicks(-(done.CreatedAt.UtcDateTime.Ticks % TimeSpan.TicksPerSecond)), created);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$", status.GetProperty("lastUpdatedTime").GetString());
        Assert.False(status.TryGetProperty("historyEvents", out _));
    }

    [Fact]
    public async Task Get_ShowInputFalse_OmitsInput()
    {
        string id = await F.StartAsync(TestOrchestrations.Echo, "secret");
        await F.Client.WaitForInstanceCompletionAsync(id).WaitAsync(ManagementFixture.Deadline);

        using HttpResponseMessage response = await F.Http.GetAsync($"{Base}/instances/{id}?showInput=false");

        JsonElement status = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Null, status.GetProperty("input").ValueKind);
        Assert.Equal("secret", status.GetProperty("output").GetString());
    }

    [Theory]
    [InlineData("", HttpStatusCode.OK)]
    [InlineData("?returnInternalServerErrorOnFailure=true", HttpStatusCode.InternalServerError)]
    public async Task Get_Failed_Returns200Or500WithTheFlag(string query, HttpStatusCode expected)
    {
        string id = await F.StartAsync(TestOrchestrations.Fail);
        await F.Client.WaitForInstanceCompletionAsync(id).WaitAsync(ManagementFixture.Deadline);

        using HttpResponseMessage response = await F.Http.GetAsync($"{Base}/instances/{id}{query}");

        JsonElement status = await HttpAssert.JsonAsync(response, expected);
        Assert.Equal("Failed", status.GetProperty("runtimeStatus").GetString());
        Assert.Contains("boom", status.GetProperty("output").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Get_Terminated_Returns200()
    {
        string id = await F.StartAsync(TestOrchestrations.WaitForGo);
        await F.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);
        await F.Client.TerminateInstanceAsync(id, "enough");
        await F.Client.WaitForInstanceCompletionAsync(id).WaitAsync(ManagementFixture.Deadline);

        using HttpResponseMessage response = await F.Http.GetAsync($"{Base}/instances/{id}");

        JsonElement status = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("Terminated", status.GetProperty("runtimeStatus").GetString());
        Assert.Equal("enough", status.GetProperty("output").GetString());
    }

    [Fact]
    public async Task Get_Unknown_Returns404Problem()
    {
        using HttpResponseMessage response = await F.Http.GetAsync($"{Base}/instances/{ManagementFixture.NewId()}");

        await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound, "instanceId", "No orchestration instance");
    }

    [Fact]
    public async Task Get_ShowHistory_ReturnsDurableFunctionsEntriesWithoutResults()
    {
        string id = await F.StartAsync(TestOrchestrations.Hello, "Rome");
        await F.Client.WaitForInstanceCompletionAsync(id).WaitAsync(ManagementFixture.Deadline);

        using HttpResponseMessage response = await F.Http.GetAsync($"{Base}/instances/{id}?showHistory=true");

        JsonElement history = (await HttpAssert.JsonAsync(response, HttpStatusCode.OK)).GetProperty("historyEvents");
        string[] types = history.EnumerateArray().Select(e => e.GetProperty("EventType").GetString()!).ToArray();
        Assert.Equal(["ExecutionStarted", "TaskCompleted", "ExecutionCompleted"], types);
        Assert.Equal("Hello", history[0].GetProperty("FunctionName").GetString());
        Assert.Equal("SayHello", history[1].GetProperty("FunctionName").GetString());
        Assert.True(history[1].TryGetProperty("ScheduledTime", out _));
        Assert.All(history.EnumerateArray(), e => Assert.False(e.TryGetProperty("Result", out _)));
        Assert.All(history.EnumerateArray(), e => Assert.True(e.TryGetProperty("Timestamp", out _)));
    }

    [Fact]
    public async Task Get_ShowHistoryOutput_IncludesResults()
    {
        string id = await F.StartAsync(TestOrchestrations.Hello, "Rome");
        await F.Client.WaitForInstanceCompletionAsync(id).WaitAsync(ManagementFixture.Deadline);

        using HttpResponseMessage response = await F.Http.GetAsync($"{Base}/instances/{id}?showHistory=true&showHistoryOutput=true");

        JsonElement history = (await HttpAssert.JsonAsync(response, HttpStatusCode.OK)).GetProperty("historyEvents");
        Assert.Equal("Hello Rome", history[1].GetProperty("Result").GetString());
        Assert.Equal("Hello Rome", history[2].GetProperty("Result").GetString());
        Assert.Equal("Completed", history[2].GetProperty("OrchestrationStatus").GetString());
    }

    [Theory]
    [InlineData("showInput=maybe", "showInput")]
    [InlineData("showHistory=1", "showHistory")]
    [InlineData("returnInternalServerErrorOnFailure=yes", "returnInternalServerErrorOnFailure")]
    public async Task Get_UnreadableFlag_Returns400Problem(string query, string field)
    {
        using HttpResponseMessage response = await F.Http.GetAsync($"{Base}/instances/any?{query}");

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, field, "use true or false");
    }
}
