using System.ComponentModel.DataAnnotations;
using DurableAgents.Storage.Sqlite;
using DurableAgents.TaskHub.Storage;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DurableAgents.TaskHub.Tests.Engine;

public sealed class TaskHubServiceCollectionExtensionsTests
{
    [Fact]
    public async Task AddTaskHub_WithStore_ResolvesOneEngineAsHostedServiceAndClient()
    {
        string directory = Path.Combine(Path.GetTempPath(), "da-taskhub-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var services = new ServiceCollection();
        services.AddLogging();
        var store = new SqliteTaskHubStore(new SqliteTaskHubStoreOptions { DataSource = Path.Combine(directory, "hub.db") });
        services.AddSingleton<ITaskHubStore>(store);
        services.AddTaskHub(o => o.MaxCommitBatchSize = 64);

        await using (ServiceProvider provider = services.BuildServiceProvider())
        {
            TaskHubEngine engine = provider.GetRequiredService<TaskHubEngine>();
            IHostedService hosted = Assert.Single(provider.GetServices<IHostedService>());
            Assert.Same(engine, hosted);
            Assert.IsType<TaskHubClient>(provider.GetRequiredService<DurableTaskClient>());

            await hosted.StartAsync(CancellationToken.None);
            Assert.True(engine.IsRunning);
            string id = await provider.GetRequiredService<DurableTaskClient>().ScheduleNewOrchestrationInstanceAsync("Anything");
            Assert.Equal(OrchestrationStatus.Pending, (await engine.GetInstanceAsync(id))!.RuntimeStatus);
            await hosted.StopAsync(CancellationToken.None);
        }

        await store.DisposeAsync(); // a registered instance is not disposed by the container
        Directory.Delete(directory, recursive: true);
    }

    [Fact]
    public void TaskHubOptions_OutOfRange_FailValidation()
    {
        Assert.Throws<ValidationException>(() => new TaskHubOptions { MaxCommitBatchSize = 0 }.Validate());
        Assert.Throws<ValidationException>(() => new TaskHubOptions { ActivityLeaseDuration = TimeSpan.Zero }.Validate());
        Assert.Throws<ValidationException>(() => new TaskHubOptions { AbandonedWorkRetryDelay = TimeSpan.FromSeconds(-1) }.Validate());
        new TaskHubOptions().Validate();
    }
}
