using System.Net;
using System.Net.Http.Headers;
using DurableAgents.Management.Tests.Infrastructure;

namespace DurableAgents.Management.Tests;

public sealed class ApiKeyTests
{
    private const string Base = "/runtime/webhooks/durabletask";
    private const string Key = "s3cret-key-value";

    public static TheoryData<string, string> EveryRoute() => new()
    {
        { "POST", $"{Base}/orchestrators/Echo" },
        { "POST", $"{Base}/orchestrators/Echo/id1" },
        { "GET", $"{Base}/instances" },
        { "DELETE", $"{Base}/instances?createdTimeFrom=2020-01-01" },
        { "GET", $"{Base}/instances/id1" },
        { "DELETE", $"{Base}/instances/id1" },
        { "POST", $"{Base}/instances/id1/raiseEvent/go" },
        { "POST", $"{Base}/instances/id1/terminate" },
        { "POST", $"{Base}/instances/id1/suspend" },
        { "POST", $"{Base}/instances/id1/resume" },
        { "POST", $"{Base}/instances/id1/restart" },
        { "GET", $"{Base}/openapi.json" },
        { "GET", "/api/approvals" },
        { "POST", "/api/approvals/id1/publish" },
    };

    [Theory]
    [MemberData(nameof(EveryRoute))]
    public async Task AnyRoute_WithoutKey_Returns401Problem(string method, string path)
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync(new Dictionary<string, string?> { ["Management:ApiKey"] = Key });

        using HttpResponseMessage response = await f.Http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Unauthorized, detailContains: "no API key was presented");
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Request_WithWrongKey_Returns401Problem()
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync(new Dictionary<string, string?> { ["Management:ApiKey"] = Key });
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Base}/instances");
        request.Headers.Add("x-api-key", Key + "x");

        using HttpResponseMessage response = await f.Http.SendAsync(request);

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Unauthorized, detailContains: "does not match");
    }

    [Fact]
    public async Task Request_WithKeyHeader_IsServed()
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync(new Dictionary<string, string?> { ["Management:ApiKey"] = Key });
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Base}/instances");
        request.Headers.Add("x-api-key", Key);

        using HttpResponseMessage response = await f.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Request_WithBearerToken_IsServed()
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync(new Dictionary<string, string?> { ["Management:ApiKey"] = Key });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/approvals");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Key);

        using HttpResponseMessage response = await f.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Request_WithoutKey_IsRefusedBeforeBodyIsRead()
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync(new Dictionary<string, string?>
        {
            ["Management:ApiKey"] = Key,
            ["Management:MaxRequestBodyBytes"] = "10",
        });

        using HttpResponseMessage response = await f.Http.PostAsync($"{Base}/orchestrators/Echo", HttpAssert.Json("{\"this\":\"is over ten bytes and malformed"));

        await HttpAssert.ProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Empty(await f.ListAllInstancesAsync());
    }

    [Fact]
    public async Task Key_FromConfigurationKeyDurableAgentsApiKey_IsRequired()
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync(new Dictionary<string, string?> { ["DURABLEAGENTS_API_KEY"] = Key });

        using HttpResponseMessage without = await f.Http.GetAsync($"{Base}/instances");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{Base}/instances");
        request.Headers.Add("x-api-key", Key);
        using HttpResponseMessage with = await f.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
    }

    [Fact]
    public async Task NoKeyConfigured_RoutesAreOpen()
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync();

        using HttpResponseMessage response = await f.Http.GetAsync($"{Base}/instances");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
