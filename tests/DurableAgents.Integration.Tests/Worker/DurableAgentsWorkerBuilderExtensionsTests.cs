using DurableAgents.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DurableAgents.Integration.Tests.Worker;

public sealed class DurableAgentsWorkerBuilderExtensionsTests
{
    [Fact]
    public void AddDurableTaskWorker_TwoNames_RegistersTwoHostedServicesWithTheirOwnTasks()
    {
        var services = new ServiceCollection();
        services.AddSingleton<Microsoft.Extensions.Logging.ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddDurableTaskWorker("a", b => b.AddTasks(r => r.AddActivityFunc<int, int>("One", (_, x) => x)).UseDurableAgents());
        services.AddDurableTaskWorker("b", b => b.AddTasks(r => r.AddActivityFunc<int, int>("Two", (_, x) => x)).UseDurableAgents());
        using var provider = services.BuildServiceProvider();

        var registries = provider.GetRequiredService<IOptionsMonitor<DurableTaskRegistry>>();

        Assert.Equal(2, provider.GetServices<IHostedService>().Count());
        Assert.Equal(["One"], registries.Get("a").GetActivities().Select(a => a.Key.Name));
        Assert.Equal(["Two"], registries.Get("b").GetActivities().Select(a => a.Key.Name));
    }

    [Fact]
    public async Task HostStart_InvalidOptions_FailsNamingEverySettingToFix()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddDurableTaskWorker(b => b.UseDurableAgents(o =>
        {
            o.Address = "not a uri";
            o.MaxConcurrentActivities = 0;
            o.ReconnectMaxDelay = TimeSpan.FromMilliseconds(1);
        }));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("DurableAgentsWorkerOptions.Address", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxConcurrentActivities", error.Message, StringComparison.Ordinal);
        Assert.Contains("ReconnectMaxDelay", error.Message, StringComparison.Ordinal);
    }
}
