using System.Net;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using DurableAgents.Management.Tests.Infrastructure;

namespace DurableAgents.Management.Tests;

public sealed class InstanceControlTests(SharedManagement shared) : IClassFixture<SharedManagement>
{
    private const string Base = "/runtime/webhooks/durabletask";
    private ManagementFixture F => shared.Fixture;

    [Fact]
    public async Task Terminate_Running_Returns202AndInstanceEndsTerminatedWithReason()
    {
        string id = await F.StartAsync(TestOrchestrations.WaitForGo);
        await F.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        using HttpResponseMessage response = await F.Http.PostAsync($"{Base}/instances/{id}/terminate?reason=no%20longer%20needed", null);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        OrchestrationMetadata done = await F.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true).WaitAsync(ManagementFixture.Deadline);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, done.RuntimeStatus);
        Assert.Equal("\"no longer needed\"", done.SerializedOutput);
    }

    [Fact]
    public async Task SuspendThenResume_Returns202AndChangesStatus()
    {
        string id = await F.StartAsync(TestOrchestrations.WaitForGo);
        await F.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);

        using HttpResponseMessage suspend = await F.Http.PostAsync($"{Base}/instances/{id}/suspend?reason=pause", null);
        Assert.Equal(HttpStatusCode.Accepted, suspend.StatusCode);
        await F.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Suspended);

        using HttpResponseMessage resume = await F.Http.PostAsync($"{Base}/instances/{id}/resume?reason=go%20on", null);
        Assert.Equal(HttpStatusCode.Accepted, resume.StatusCode);
        await F.WaitUntilAsync(id, m => m.RuntimeStatus == OrchestrationRuntimeStatus.Running);
    }

    [Theory]
    [InlineData("terminate")]
    [InlineData("suspend")]
    [InlineData("resume")]
    public async Task Control_UnknownInstance_Returns404Problem(string operation)
    {
        using HttpResponseMessage response = await F.Http.PostAsync($"{Base}/instances/{ManagementFixture.NewId()}/{operation}", null);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.NotFound, "instanceId");
    }

    [Theory]
    [InlineData("terminate")]
    [InlineData("suspend")]
    [InlineData("resume")]
    public async Task Control_CompletedInstance_Returns410Problem(string operation)
    {
        string id = await F.StartAsync(TestOrchestrations.Echo, 1);
        await F.Client.WaitForInstanceCompletionAsync(id).WaitAsync(ManagementFixture.Deadline);

        using HttpResponseMessage response = await F.Http.PostAsync($"{Base}/instances/{id}/{operation}", null);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Gone, "instanceId", "is Completed");
    }
}
