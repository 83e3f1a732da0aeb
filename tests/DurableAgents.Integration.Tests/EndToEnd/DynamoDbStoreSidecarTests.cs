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
    public async Task Sidecar_OnDynamoDb_AOneMegabyteValueGoesThroughWhileSixtyChildrenInOneEpisodeAndAStartOver8MBAreRefused()
    {
        await using DynamoDbLocal local = await DynamoDbLocal.StartAsync();
        using var directory = new TempDirectory("dynamodb-refused");
        var settings = new Dictionary<string, string?>
        {
            ["TaskHub:Store"] = "DynamoDb",
            ["TaskHub:DynamoDb:ServiceUrl"] = local.ServiceUrl.ToString(),
            ["TaskHub:DynamoDb:TablePrefix"] = "refused-test-",
            ["TaskHub:DynamoDb:Region"] = "eu-west-1",
        };
        await using SidecarFixture sidecar = await SidecarFixture.StartAsync(directory.File("unused.db"), settings: settings);
        await using WorkerHost worker = await WorkerHost.StartAsync(sidecar.GrpcAddress, registry =>
        {
            TestTasks.Register(registry);
            registry.AddOrchestratorFunc<int, int>("StartKids", async (context, n) =>
            {
                string[] answers = await Task.WhenAll(Enumerable.Range(1, n).Select(i => context.CallSubOrchestratorAsync<string>(
                    TestTasks.Echo, "kid", new SubOrchestrationOptions(instanceId: $"{context.InstanceId}-kid-{i}"))));
                return answers.Length;
            });
        });
        await using SidecarClient client = SidecarClient.Connect(sidecar.GrpcAddress);
        string fan = SidecarEnvironment.NewId("fan");
        string greeter = SidecarEnvironment.NewId("greeter");
        string large = SidecarEnvironment.NewId("large");
        string oneMegabyte = new('m', 1024 * 1024);

        await client.Client.ScheduleNewOrchestrationInstanceAsync("StartKids", 60, new StartOrchestrationOptions(fan));
        await client.Client.ScheduleNewOrchestrationInstanceAsync(TestTasks.Greeter, "Ada", new StartOrchestrationOptions(greeter));
        await client.Client.ScheduleNewOrchestrationInstanceAsync(TestTasks.Echo, oneMegabyte, new StartOrchestrationOptions(large));
        OrchestrationMetadata failed = await client.Client.WaitForInstanceCompletionAsync(fan, getInputsAndOutputs: true, TestDeadline.Token());
        OrchestrationMetadata completed = await client.Client.WaitForInstanceCompletionAsync(greeter, getInputsAndOutputs: true, TestDeadline.Token());
        OrchestrationMetadata echoed = await client.Client.WaitForInstanceCompletionAsync(large, getInputsAndOutputs: true, TestDeadline.Token());
        // The sidecar answers INVALID_ARGUMENT with the store's message; the official client raises that as an ArgumentException.
        var tooLarge = await Assert.ThrowsAsync<ArgumentException>(() => client.Client.ScheduleNewOrchestrationInstanceAsync(
            TestTasks.Echo, new string('x', 9 * 1024 * 1024), new StartOrchestrationOptions(SidecarEnvironment.NewId("big"))));

        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.Equal("DurableAgents.TaskHub.CommitRefusedException", failed.FailureDetails!.ErrorType);
        Assert.Contains("this episode starts 60 at once: start them in waves", failed.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Null(await client.Client.GetInstanceAsync(fan + "-kid-1"));
        Assert.Equal(OrchestrationRuntimeStatus.Completed, completed.RuntimeStatus);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, echoed.RuntimeStatus);
        Assert.Equal(oneMegabyte, echoed.ReadOutputAs<string>());
        Assert.Contains("the DynamoDB store takes values up to 8388608 bytes", tooLarge.Message, StringComparison.Ordinal);
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
