using DurableAgents.History;
using DurableAgents.Integration.Tests.Infrastructure;
using DurableAgents.Storage.DynamoDb;
using DurableAgents.TaskHub.Storage;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Integration.Tests.EndToEnd;

/// <summary>A sidecar that takes its store from configuration (TaskHub:Store=DynamoDb) and runs on DynamoDB Local.</summary>
public sealed class DynamoDbStoreSidecarTests
{
    [Fact]
    public async Task Sidecar_StoreDynamoDbFromConfiguration_RunsAnOrchestrationAndKeepsItAcrossARestart()
    {
        await using DynamoDbLocal local = await DynamoDbLocal.StartAsync();
        using var directory = new TempDirectory("dynamodb-sidecar");
        // No credentials are configured: with an endpoint override and none in the default chain, the store signs with placeholders.
        var settings = new Dictionary<string, string?>
        {
            ["TaskHub:Store"] = "DynamoDb",
            ["TaskHub:DynamoDb:ServiceUrl"] = local.ServiceUrl.ToString(),
            ["TaskHub:DynamoDb:TablePrefix"] = "sidecar-test-",
            ["TaskHub:DynamoDb:Region"] = "eu-west-1",
        };
        string instanceId = SidecarEnvironment.NewId("dynamo");

        await using (SidecarFixture sidecar = await SidecarFixture.StartAsync(directory.File("unused.db"), settings: settings))
        {
            var store = Assert.IsType<DynamoDbTaskHubStore>(sidecar.Services.GetRequiredService<ITaskHubStore>());
            Assert.Equal("sidecar-test-TaskHub", store.TableName);
            await using WorkerHost worker = await WorkerHost.StartAsync(sidecar.GrpcAddress, TestTasks.Register);
            await using SidecarClient client = SidecarClient.Connect(sidecar.GrpcAddress);

            await client.Client.ScheduleNewOrchestrationInstanceAsync(TestTasks.Greeter, "Ada", new StartOrchestrationOptions(instanceId));
            OrchestrationMetadata done = await client.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, TestDeadline.Token());

            Assert.Equal(OrchestrationRuntimeStatus.Completed, done.RuntimeStatus);
            Assert.Equal("\"Hello, Ada! Hello, Ada again!\"", done.SerializedOutput);
            Assert.True(store.Usage.Requests > 0);
            Assert.True(store.Usage.WriteUnits > 0);
        }

        Assert.False(File.Exists(directory.File("unused.db")));

        await using (SidecarFixture restarted = await SidecarFixture.StartAsync(directory.File("unused.db"), settings: settings))
        await using (SidecarClient client = SidecarClient.Connect(restarted.GrpcAddress))
        {
            OrchestrationMetadata? state = await client.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);

            Assert.NotNull(state);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, state.RuntimeStatus);
            Assert.Equal("\"Hello, Ada! Hello, Ada again!\"", state.SerializedOutput);
            Assert.Contains(await client.History.GetHistoryAsync(instanceId), e => e is ExecutionCompletedEvent);
        }
    }

    [Fact]
    public async Task Sidecar_UnknownStoreKind_FailsAtStartNamingTheSettingAndTheChoices()
    {
        using var directory = new TempDirectory("store-kind");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => SidecarFixture.StartAsync(
            directory.File("taskhub.db"), settings: new Dictionary<string, string?> { ["TaskHub:Store"] = "Cosmos" }));

        Assert.Contains("TaskHub:Store", error.Message, StringComparison.Ordinal);
        Assert.Contains("DynamoDb", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(directory.File("taskhub.db")));
    }
}
