using System.ComponentModel.DataAnnotations;
using DurableAgents.TaskHub.Tests.Engine.Infrastructure;
using DurableAgents.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DurableAgents.TaskHub.Tests.Engine.Shared;

public sealed class PartitionOptionsTests
{
    [Fact]
    public void Validate_RenewIntervalNotShorterThanAThirdOfTheLease_ThrowsNamingBoth()
    {
        var options = new TaskHubOptions { PartitionLeaseDuration = TimeSpan.FromSeconds(9), PartitionRenewInterval = TimeSpan.FromSeconds(3) };

        var error = Assert.Throws<ValidationException>(options.Validate);

        Assert.Contains(nameof(TaskHubOptions.PartitionRenewInterval), error.Message, StringComparison.Ordinal);
        Assert.Contains(nameof(TaskHubOptions.PartitionLeaseDuration), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(nameof(TaskHubOptions.PartitionLeaseDuration))]
    [InlineData(nameof(TaskHubOptions.PartitionRenewInterval))]
    [InlineData(nameof(TaskHubOptions.InboxPollInterval))]
    public void Validate_ZeroInterval_ThrowsNamingIt(string name)
    {
        var options = new TaskHubOptions();
        typeof(TaskHubOptions).GetProperty(name)!.SetValue(options, TimeSpan.Zero);

        var error = Assert.Throws<ValidationException>(options.Validate);

        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_HandoverDelay_NegativeIsRefusedAndLongerThanTheLeaseIsAccepted()
    {
        var negative = new TaskHubOptions { PartitionHandoverDelay = TimeSpan.FromSeconds(-1) };
        var error = Assert.Throws<ValidationException>(negative.Validate);
        Assert.Contains(nameof(TaskHubOptions.PartitionHandoverDelay), error.Message, StringComparison.Ordinal);

        // Short leases (as in tests and small deployments) keep the default delay: the lease then just lapses first.
        var shortLease = new TaskHubOptions { PartitionLeaseDuration = TimeSpan.FromSeconds(4), PartitionRenewInterval = TimeSpan.FromSeconds(1) };
        shortLease.Validate();
    }

    [Fact]
    public void Defaults_AreValid()
    {
        var options = new TaskHubOptions();

        options.Validate();
        Assert.Equal(TimeSpan.FromSeconds(20), options.PartitionLeaseDuration);
        Assert.Equal(TimeSpan.FromSeconds(5), options.PartitionRenewInterval);
        Assert.Equal(TimeSpan.FromSeconds(1), options.InboxPollInterval);
        Assert.Null(options.OwnerId);
    }

    [Fact]
    public void AddTaskHub_BindsThePartitionSettingsFromTheTaskHubSection()
    {
        IConfiguration configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TaskHub:PartitionLeaseDuration"] = "00:01:00",
            ["TaskHub:PartitionRenewInterval"] = "00:00:10",
            ["TaskHub:InboxPollInterval"] = "00:00:00.250",
            ["TaskHub:OwnerId"] = "sidecar-1",
        }).Build();
        using ServiceProvider services = new ServiceCollection().AddTaskHub(o => configuration.GetSection("TaskHub").Bind(o)).BuildServiceProvider();

        TaskHubOptions options = services.GetRequiredService<IOptions<TaskHubOptions>>().Value;

        Assert.Equal(TimeSpan.FromMinutes(1), options.PartitionLeaseDuration);
        Assert.Equal(TimeSpan.FromSeconds(10), options.PartitionRenewInterval);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.InboxPollInterval);
        Assert.Equal("sidecar-1", options.OwnerId);
    }

    [Fact]
    public async Task Engine_OnAStoreWithOneEngine_HasNoOwnerAndNoPartitions()
    {
        await using TestHub hub = await TestHub.StartAsync(o => o.OwnerId = "ignored");

        Assert.Null(hub.Engine.OwnerId);
        Assert.Empty(hub.Engine.OwnedPartitions);
    }

    [Fact]
    public async Task Engine_OnASharedStoreWithAnOwnerId_ClaimsUnderIt()
    {
        // Disposed in reverse order: the store closes its file before the directory goes, whatever the test's outcome.
        using var directory = new TempDirectory("shared");
        await using var shared = new SharedSqliteStore(directory.File("hub.db"), partitionCount: 3);
        var engine = new TaskHubEngine(shared.View(), new TaskHubOptions { OwnerId = "sidecar-7" });
        await engine.StartAsync(TestHub.Timeout());
        try
        {
            Assert.Equal("sidecar-7", engine.OwnerId);
            Storage.PartitionTable table = await shared.View().ReadPartitionTableAsync(CancellationToken.None);
            Assert.All(table.Leases, l => Assert.Equal("sidecar-7", l.Owner));
        }
        finally
        {
            await engine.StopAsync(CancellationToken.None);
        }

        Storage.PartitionTable after = await shared.View().ReadPartitionTableAsync(CancellationToken.None);
        Assert.All(after.Leases, l => Assert.Null(l.Owner));
        Assert.Empty(after.Members);
    }
}
