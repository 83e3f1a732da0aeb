using System.Net;
using System.Text.Json.Nodes;
using DurableAgents.Dashboard.Tests.Infrastructure;

namespace DurableAgents.Dashboard.Tests;

/// <summary>
/// With an API key configured, the pages (which hold no instance data) load without it, the page asks for the key,
/// and every management call the page makes is refused without the key and answered with it.
/// </summary>
public sealed class DashboardApiKeyTests(KeyedHostFixture fixture) : IClassFixture<KeyedHostFixture>
{
    private DashboardHost Host => fixture.Host;

    [Theory]
    [InlineData("/dashboard/")]
    [InlineData("/dashboard/assets/app.js")]
    [InlineData("/dashboard/api-reference/")]
    [InlineData("/dashboard/openapi.json")]
    public async Task Pages_AreServedWithoutTheKey(string path)
    {
        using HttpResponseMessage response = await Host.Http.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Page_HoldsTheFormThatAsksForTheKey()
    {
        string html = await Host.Http.GetStringAsync("/dashboard/");

        Assert.Contains("id=\"api-key-form\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"api-key\"", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", DashboardHost.BasePath + "/instances?showInput=false&top=25")]
    [InlineData("GET", "/api/approvals")]
    [InlineData("GET", DashboardHost.BasePath + "/instances/some-id?showHistory=true&showHistoryOutput=true&showInput=true")]
    [InlineData("POST", DashboardHost.BasePath + "/instances/some-id/terminate?reason=from%20the%20dashboard")]
    [InlineData("DELETE", DashboardHost.BasePath + "/instances/some-id")]
    public async Task ApiCallOfThePage_WithoutTheKey_IsRefusedWith401Problem(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        using HttpResponseMessage response = await Host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        JsonNode problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains("x-api-key", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiCallOfThePage_WithAWrongKey_IsRefused()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/approvals");
        request.Headers.Add("x-api-key", "not-the-key");
        using HttpResponseMessage response = await Host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("does not match", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiCallOfThePage_WithTheKey_IsAnswered()
    {
        using HttpRequestMessage request = Host.Request(HttpMethod.Get, DashboardHost.BasePath + "/instances?showInput=false&top=25");
        using HttpResponseMessage response = await Host.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.IsType<JsonArray>(JsonNode.Parse(await response.Content.ReadAsStringAsync()));
    }
}
