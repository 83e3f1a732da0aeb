using System.Net;
using System.Text.Json;
using Microsoft.DurableTask.Client;
using DurableAgents.Management.Tests.Infrastructure;

namespace DurableAgents.Management.Tests;

/// <summary>
/// Every query value of a route that writes is checked before the first write: a refused request names the parameter
/// and its allowed values, and leaves no instance behind.
/// </summary>
public sealed class RefusedRequestsChangeNothingTests(SharedManagement shared) : IClassFixture<SharedManagement>
{
    private const string Base = "/runtime/webhooks/durabletask";
    private ManagementFixture F => shared.Fixture;

    [Theory]
    [InlineData("timeout=99999999999", "timeout")]
    [InlineData("timeout=3601", "timeout")]
    [InlineData("timeout=-1", "timeout")]
    [InlineData("timeout=NaN", "timeout")]
    [InlineData("timeout=Infinity", "timeout")]
    [InlineData("timeout=60&pollingInterval=99999999999", "pollingInterval")]
    public async Task Start_with_out_of_range_timeout_is_refused_and_creates_no_instance(string query, string field)
    {
        string id = ManagementFixture.NewId();
        int before = (await F.ListAllInstancesAsync()).Count;

        using HttpResponseMessage response = await F.Http.PostAsync($"{Base}/orchestrators/{TestOrchestrations.Echo}/{id}?{query}", HttpAssert.Json("1"));

        JsonElement problem = await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, field, "from 0 to 3600");
        Assert.Contains($"'{field}'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Null(await F.Client.GetInstanceAsync(id));
        Assert.Equal(before, (await F.ListAllInstancesAsync()).Count);
    }

    [Fact]
    public async Task Start_with_unreadable_returnInternalServerErrorOnFailure_is_refused_and_creates_no_instance()
    {
        string id = ManagementFixture.NewId();

        using HttpResponseMessage response = await F.Http.PostAsync(
            $"{Base}/orchestrators/{TestOrchestrations.Fail}/{id}?timeout=30&returnInternalServerErrorOnFailure=maybe", null);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "returnInternalServerErrorOnFailure", "true or false");
        Assert.Null(await F.Client.GetInstanceAsync(id));
    }

    [Theory]
    [InlineData("timeout=99999999999", "timeout", "from 0 to 3600")]
    [InlineData("timeout=30&returnInternalServerErrorOnFailure=maybe", "returnInternalServerErrorOnFailure", "true or false")]
    public async Task Restart_with_unreadable_query_is_refused_and_restarts_nothing(string query, string field, string rule)
    {
        string id = await F.StartAsync(TestOrchestrations.Echo, 1);
        await F.Client.WaitForInstanceCompletionAsync(id).WaitAsync(ManagementFixture.Deadline);
        string? execution = await F.ExecutionIdAsync(id);
        int before = (await F.ListAllInstancesAsync()).Count;

        using HttpResponseMessage sameId = await F.Http.PostAsync($"{Base}/instances/{id}/restart?restartWithNewInstanceId=false&{query}", null);
        using HttpResponseMessage newId = await F.Http.PostAsync($"{Base}/instances/{id}/restart?{query}", null);

        await HttpAssert.ProblemAsync(sameId, HttpStatusCode.BadRequest, field, rule);
        await HttpAssert.ProblemAsync(newId, HttpStatusCode.BadRequest, field, rule);
        Assert.Equal(execution, await F.ExecutionIdAsync(id));
        Assert.Equal(before, (await F.ListAllInstancesAsync()).Count);
    }

    [Fact]
    public async Task Purge_with_createdTimeFrom_after_createdTimeTo_is_refused_and_purges_nothing()
    {
        string id = await F.StartAsync(TestOrchestrations.Echo, 1);
        await F.Client.WaitForInstanceCompletionAsync(id).WaitAsync(ManagementFixture.Deadline);

        using HttpResponseMessage response = await F.Http.DeleteAsync($"{Base}/instances?createdTimeFrom=2100-01-01T00:00:00Z&createdTimeTo=2000-01-01T00:00:00Z");

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "createdTimeTo", "must not be before createdTimeFrom");
        Assert.NotNull(await F.Client.GetInstanceAsync(id));
    }

    [Fact]
    public async Task List_with_createdTimeFrom_after_createdTimeTo_is_refused()
    {
        using HttpResponseMessage response = await F.Http.GetAsync($"{Base}/instances?createdTimeFrom=2100-01-01T00:00:00Z&createdTimeTo=2000-01-01T00:00:00Z");

        await HttpAssert.ProblemAsync(response, HttpStatusCode.BadRequest, "createdTimeTo", "must not be before createdTimeFrom");
    }
}
