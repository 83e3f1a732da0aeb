using DurableAgents.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace DurableAgents.Integration.Tests.Worker;

public sealed class DurableTaskWorkerServiceCollectionExtensionsTests
{
    [Fact]
    public void AddDurableTaskWorker_SameNameTwice_Throws()
    {
        var services = new ServiceCollection();
        services.AddDurableTaskWorker(b => b.UseGrpc());

        var error = Assert.Throws<InvalidOperationException>(() => services.AddDurableTaskWorker(b => b.UseGrpc()));

        Assert.Contains("already registered", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddDurableTaskWorker_TwoNames_RegistersTwoHostedServicesWithTheirOwnTasks()
    {
        var services = new ServiceCollection();
        services.AddDurableTaskWorker("a", b => b.AddTasks(r => r.AddActivityFunc<int, int>("One", (_, x) => x)));
        services.AddDurableTaskWorker("b", b => b.AddTasks(r => r.AddActivityFunc<int, int>("Two", (_, x) => x)));
        using var provider = services.BuildServiceProvider();

        var registries = provider.GetRequiredService<IOptionsMonitor<DurableTaskRegistry>>();

        Assert.Equal(2, provider.GetServices<IHostedService>().Count());
        Assert.Equal(["One"], registries.Get("a").ActivityNames);
        Assert.Equal(["Two"], registries.Get("b").ActivityNames);
    }

    [Fact]
    public async Task HostStart_InvalidOptions_FailsNamingEverySettingToFix()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddDurableTaskWorker(b => b.UseGrpc("not a uri").Configure(o =>
        {
            o.MaxConcurrentActivities = 0;
            o.ReconnectMaxDelay = TimeSpan.FromMilliseconds(1);
        }));
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains("DurableTaskWorkerOptions.Address", error.Message, StringComparison.Ordinal);
        Assert.Contains("MaxConcurrentActivities", error.Message, StringComparison.Ordinal);
        Assert.Contains("ReconnectMaxDelay", error.Message, StringComparison.Ordinal);
    }
}
