using System.Globalization;
using System.Net;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using DurableAgents.Management.Tests.Infrastructure;

namespace DurableAgents.Management.Tests;

public sealed class PurgeTests
{
    private const string Base = "/runtime/webhooks/durabletask";

    [Fact]
    public async Task Delete_Completed_Returns200CountAndInstanceIsGone()
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync();
        string id = await f.StartAsync(TestOrchestrations.Echo, 1);
        await f.Client.WaitForInstanceCompletionAsync(id).WaitAsync(ManagementFixture.Deadline);

        using HttpResponseMessage response = await f.Http.DeleteAsync($"{Base}/instances/{id}");

        JsonElement result = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal(1, result.GetProperty("instancesDeleted").GetInt32());
        Assert.Null(await f.Client.GetInstanceAsync(id));
        using HttpResponseMessage again = await f.Http.DeleteAsync($"{Base}/instances/{id}");
        await HttpAssert.ProblemAsync(again, HttpStatusCode.NotFound, "instanceId");
    }

    [Fact]
    public async Task Delete_Running_Returns412ProblemSayingToTerminateFirst()
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync();
        string id = await f.StartAsync(TestOrchestrations.WaitForGo, null, "abc-" + ManagementFixture.NewId());
        await f.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        using HttpResponseMessage response = await f.Http.DeleteAsync($"{Base}/instances/{id}");

        JsonElement problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.PreconditionFailed, "instanceId");
        Assert.Equal("Instance not terminal", problem.GetProperty("title").GetString());
        Assert.Equal($"Instance '{id}' is Running; only Completed, Failed or Terminated instances can be purged. Terminate it first.",
            problem.GetProperty("detail").GetString());
        Assert.NotNull(await f.Client.GetInstanceAsync(id));
    }

    [Fact]
    public async Task DeleteByFilter_PurgesOnlyMatchingFinishedInstances()
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync();
        string completed = await f.StartAsync(TestOrchestrations.Echo, 1);
        string failed = await f.StartAsync(TestOrchestrations.Fail);
        string running = await f.StartAsync(TestOrchestrations.WaitForGo);
        OrchestrationMetadata first = await f.Client.WaitForInstanceCompletionAsync(completed).WaitAsync(ManagementFixture.Deadline);
        await f.Client.WaitForInstanceCompletionAsync(failed).WaitAsync(ManagementFixture.Deadline);
        string from = Uri.EscapeDataString(first.CreatedAt.AddHours(-1).ToString("O", CultureInfo.InvariantCulture));

        using HttpResponseMessage onlyFailed = await f.Http.DeleteAsync($"{Base}/instances?createdTimeFrom={from}&runtimeStatus=Failed");
        Assert.Equal(1, (await HttpAssert.JsonAsync(onlyFailed, HttpStatusCode.OK)).GetProperty("instancesDeleted").GetInt32());
        Assert.Null(await f.Client.GetInstanceAsync(failed));
        Assert.NotNull(await f.Client.GetInstanceAsync(completed));

        using HttpResponseMessage rest = await f.Http.DeleteAsync($"{Base}/instances?createdTimeFrom={from}");
        Assert.Equal(1, (await HttpAssert.JsonAsync(rest, HttpStatusCode.OK)).GetProperty("instancesDeleted").GetInt32());
        Assert.Null(await f.Client.GetInstanceAsync(completed));
        Assert.NotNull(await f.Client.GetInstanceAsync(running));

        using HttpResponseMessage nothing = await f.Http.DeleteAsync($"{Base}/instances?createdTimeFrom={from}");
        await HttpAssert.ProblemAsync(nothing, HttpStatusCode.NotFound, detailContains: "nothing was purged");
    }

    [Fact]
    public async Task DeleteByFilter_WithoutCreatedTimeFrom_Returns400Problem()
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync();

        using HttpResponseMessage response = await f.Http.DeleteAsync($"{Base}/instances?runtimeStatus=Completed");

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "createdTimeFrom");
    }

    [Fact]
    public async Task DeleteByFilter_NonTerminalStatus_Returns400Problem()
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync();

        using HttpResponseMessage response = await f.Http.DeleteAsync($"{Base}/instances?createdTimeFrom=2020-01-01T00:00:00Z&runtimeStatus=Completed,Running");

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "runtimeStatus", "Running");
    }
}
