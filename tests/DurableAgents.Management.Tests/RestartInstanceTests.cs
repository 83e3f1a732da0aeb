using System.Net;
using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using DurableAgents.Management.Tests.Infrastructure;

namespace DurableAgents.Management.Tests;

public sealed class RestartInstanceTests(SharedManagement shared) : IClassFixture<SharedManagement>
{
    private const string Base = "/runtime/webhooks/durabletask";
    private ManagementFixture F => shared.Fixture;

    [Fact]
    public async Task Restart_Default_StartsNewInstanceWithSameInput()
    {
        string id = await F.StartAsync(TestOrchestrations.Hello, "Cairo");
        await F.Client.WaitForInstanceCompletionAsync(id).WaitAsync(ManagementFixture.Deadline);

        using HttpResponseMessage response = await F.Http.PostAsync($"{Base}/instances/{id}/restart", null);

        JsonElement links = await HttpAssert.JsonAsync(response, HttpStatusCode.Accepted);
        string newId = links.GetProperty("id").GetString()!;
        Assert.NotEqual(id, newId);
        Assert.EndsWith($"/instances/{newId}", links.GetProperty("statusQueryGetUri").GetString(), StringComparison.Ordinal);
        Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.RetryAfter?.Delta);
        OrchestrationMetadata restarted = await F.Client.WaitForInstanceCompletionAsync(newId, getInputsAndOutputs: true).WaitAsync(ManagementFixture.Deadline);
        Assert.Equal("\"Hello Cairo\"", restarted.SerializedOutput);
    }

    [Fact]
    public async Task Restart_SameId_RunsTheInstanceAgain()
    {
        string id = await F.StartAsync(TestOrchestrations.Hello, "Quito");
        await F.Client.WaitForInstanceCompletionAsync(id).WaitAsync(ManagementFixture.Deadline);
        string? firstExecution = await F.ExecutionIdAsync(id);

        using HttpResponseMessage response = await F.Http.PostAsync($"{Base}/instances/{id}/restart?restartWithNewInstanceId=false&timeout=60", null);

        JsonElement output = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.Equal("Hello Quito", output.GetString());
        Assert.NotEqual(firstExecution, await F.ExecutionIdAsync(id));
    }

    [Fact]
    public async Task Restart_SameIdWhileRunning_Returns409Problem()
    {
        string id = await F.StartAsync(TestOrchestrations.WaitForGo);

        using HttpResponseMessage response = await F.Http.PostAsync($"{Base}/instances/{id}/restart?restartWithNewInstanceId=false", null);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Conflict, "instanceId");
    }

    [Fact]
    public async Task Restart_NewIdWhileRunning_StartsACopyAndLeavesTheOriginalRunning()
    {
        string id = await F.StartAsync(TestOrchestrations.WaitForGo);

        using HttpResponseMessage response = await F.Http.PostAsync($"{Base}/instances/{id}/restart", null);

        JsonElement links = await HttpAssert.JsonAsync(response, HttpStatusCode.Accepted);
        string newId = links.GetProperty("id").GetString()!;
        Assert.NotEqual(id, newId);
        OrchestrationMetadata copy = (await F.Client.GetInstanceAsync(newId))!;
        Assert.Equal(TestOrchestrations.WaitForGo, copy.Name);
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await F.Client.GetInstanceAsync(id))!.RuntimeStatus);
    }

    [Fact]
    public async Task Restart_UnknownInstance_Returns404Problem()
    {
        using HttpResponseMessage response = await F.Http.PostAsync($"{Base}/instances/{ManagementFixture.NewId()}/restart", null);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound, "instanceId");
    }
}
