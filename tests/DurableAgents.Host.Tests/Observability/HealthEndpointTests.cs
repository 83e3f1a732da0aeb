using System.Net;
using DurableAgents.Host.Tests.Infrastructure;
using DurableAgents.TaskHub;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Host.Tests.Observability;

/// <summary>/healthz and /readyz on the all-in-one host's HTTP port, which requires an API key for everything else.</summary>
public sealed class HealthEndpointTests
{
    [Fact]
    public async Task Healthz_WithoutApiKey_Returns200()
    {
        using var setup = new HostSetup { ApiKey = "health-tests-key" };
        await using RunningHost host = await setup.StartAsync();
        using var anonymous = new ManagementApi(setup.HttpAddress, apiKey: null);

        using HttpResponseMessage response = await anonymous.Http.GetAsync("healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readyz_EngineRecoveredAndStoreAnswers_Returns200WithoutApiKey()
    {
        using var setup = new HostSetup { ApiKey = "health-tests-key" };
        await using RunningHost host = await setup.StartAsync();
        using var anonymous = new ManagementApi(setup.HttpAddress, apiKey: null);

        using HttpResponseMessage response = await anonymous.Http.GetAsync("readyz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
        using HttpResponseMessage guarded = await anonymous.Http.GetAsync(ManagementApi.BasePath + "instances");
        Assert.Equal(HttpStatusCode.Unauthorized, guarded.StatusCode);
    }

    [Fact]
    public async Task Readyz_EngineStopped_Returns503WhileHealthzStays200()
    {
        using var setup = new HostSetup();
        await using RunningHost host = await setup.StartAsync();
        await host.Services.GetRequiredService<TaskHubEngine>().StopAsync(Deadline.Token());

        using HttpResponseMessage ready = await host.Api.Http.GetAsync("readyz");
        using HttpResponseMessage live = await host.Api.Http.GetAsync("healthz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", await ready.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task Readyz_OnTheGrpcPort_Returns404()
    {
        using var setup = new HostSetup();
        await using RunningHost host = await setup.StartAsync();
        using var http2 = new HttpClient { BaseAddress = setup.GrpcAddress, DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };

        using HttpResponseMessage response = await http2.GetAsync("readyz");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
