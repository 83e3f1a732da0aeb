using System.Net;
using System.Text.Json.Nodes;
using DurableAgents.Host.Tests.Infrastructure;

namespace DurableAgents.Host.Tests;

/// <summary>Every error the all-in-one host's HTTP port answers is a problem, while its gRPC port keeps serving clients.</summary>
public sealed class HttpPortErrorTests
{
    [Fact]
    public async Task Http_port_answers_unknown_routes_wrong_methods_and_long_urls_with_problems_while_grpc_keeps_working()
    {
        using var setup = new HostSetup();
        await using RunningHost host = await setup.StartAsync();
        HttpClient http = host.Api.Http;

        using HttpResponseMessage unknown = await http.GetAsync("no/such/route");
        using HttpResponseMessage wrongMethod = await http.GetAsync(ManagementApi.BasePath + "orchestrators/SupervisorWorkflow");
        using HttpResponseMessage grpcPathOnHttpPort = await http.PostAsync("TaskHubSidecarService/Hello", null);
        using HttpResponseMessage longUrl = await http.GetAsync(ManagementApi.BasePath + "instances?instanceIdPrefix=" + new string('x', 20_000));

        await AssertProblemAsync(unknown, HttpStatusCode.NotFound, "route-not-found");
        await AssertProblemAsync(wrongMethod, HttpStatusCode.MethodNotAllowed, "method-not-allowed");
        await AssertProblemAsync(grpcPathOnHttpPort, HttpStatusCode.NotFound, "route-not-found");
        await AssertProblemAsync(longUrl, HttpStatusCode.RequestUriTooLong, "url-too-long");

        // The gRPC port is untouched: the official client still reads through it.
        Assert.Null(await host.Client.GetInstanceAsync("no-such-instance", cancellation: Deadline.Token()));
    }

    [Fact]
    public async Task Request_line_beyond_the_servers_own_limit_is_answered_by_kestrel_without_a_body()
    {
        // Kestrel refuses a request line over its limit before any middleware runs, so no problem body can be written;
        // the sidecar keeps that limit 64 KiB above Management:MaxUrlLength so that only absurd URLs end here.
        using var setup = new HostSetup();
        await using RunningHost host = await setup.StartAsync();

        using HttpResponseMessage response = await host.Api.Http.GetAsync(ManagementApi.BasePath + "instances?pad=" + new string('x', 80 * 1024));

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
        Assert.Equal(string.Empty, await response.Content.ReadAsStringAsync());
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string slug)
    {
        JsonNode body = await ManagementApi.ReadJsonAsync(response);
        Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {body.ToJsonString()}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("urn:durableagents:problem:" + slug, body["type"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(body["detail"]!.GetValue<string>()));
    }
}
