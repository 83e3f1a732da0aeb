using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DurableAgents.Dashboard.Tests.Infrastructure;

namespace DurableAgents.Dashboard.Tests;

/// <summary>What the host's HTTP port serves for the dashboard and the API reference, seen over HTTP.</summary>
public sealed partial class DashboardPagesTests(OpenHostFixture fixture) : IClassFixture<OpenHostFixture>
{
    private DashboardHost Host => fixture.Host;

    [Fact]
    public async Task Root_RedirectsToTheDashboard()
    {
        using HttpResponseMessage response = await Host.Http.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/dashboard/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task DashboardWithoutSlash_RedirectsToThePage()
    {
        using HttpResponseMessage response = await Host.Http.GetAsync("/dashboard");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/dashboard/", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Page_IsHtmlWithTheManagementApiPathsAndASameOriginContentSecurityPolicy()
    {
        using HttpResponseMessage response = await Host.Http.GetAsync("/dashboard/");
        string html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("data-base-path=\"/runtime/webhooks/durabletask\"", html, StringComparison.Ordinal);
        Assert.Contains("data-approvals-path=\"/api/approvals\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/dashboard/api-reference/\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", html, StringComparison.Ordinal);
        string policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServedAssets_ReferenceNoExternalUrl()
    {
        string html = await Host.Http.GetStringAsync("/dashboard/");
        List<string> referenced = AssetReference().Matches(html).Select(m => m.Groups["url"].Value).ToList();
        Assert.Equal(["/dashboard/assets/app.css", "/dashboard/assets/app.js"], referenced.Order(StringComparer.Ordinal));

        foreach (string text in (IEnumerable<string>)[html, .. await Task.WhenAll(referenced.Select(u => Host.Http.GetStringAsync(u)))])
        {
            Assert.Empty(ExternalUrl().Matches(text).Select(m => m.Value));
        }
    }

    [Fact]
    public async Task Asset_IsServedWithItsTypeAndAnETagThatRevalidates()
    {
        using HttpResponseMessage first = await Host.Http.GetAsync("/dashboard/assets/app.js");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("text/javascript", first.Content.Headers.ContentType?.MediaType);
        Assert.Contains("function buildTimeline", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        string etag = first.Headers.ETag!.Tag;

        using var again = new HttpRequestMessage(HttpMethod.Get, "/dashboard/assets/app.js");
        again.Headers.TryAddWithoutValidation("If-None-Match", etag);
        using HttpResponseMessage second = await Host.Http.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
    }

    [Theory]
    [InlineData("missing.js")]
    [InlineData("index.html")]
    public async Task UnknownAsset_IsA404Problem(string name)
    {
        using HttpResponseMessage response = await Host.Http.GetAsync("/dashboard/assets/" + name);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        JsonNode problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains(name, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("urn:durableagents:problem:route-not-found", problem["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task ApiReference_IsScalarLoadingItsBundleAndTheDocumentFromThisServer()
    {
        using HttpResponseMessage response = await Host.Http.GetAsync("/dashboard/api-reference/");
        string html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        List<string> scripts = ScriptSource().Matches(html).Select(m => m.Groups["url"].Value).ToList();
        Assert.NotEmpty(scripts);
        foreach (string script in scripts)
        {
            Assert.False(Uri.TryCreate(script, UriKind.Absolute, out Uri? absolute) && absolute.Host != Host.Address.Host, $"The API reference loads {script} from another host.");
            using HttpResponseMessage bundle = await Host.Http.GetAsync(new Uri(response.RequestMessage!.RequestUri!, script));
            Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
            Assert.Equal("text/javascript", bundle.Content.Headers.ContentType?.MediaType);
            if (script == "scalar.js")
            {
                Assert.True((await bundle.Content.ReadAsByteArrayAsync()).Length > 100_000, "scalar.js is not Scalar's bundle.");
            }
        }

        Assert.Contains("scalar.js", scripts);

        Assert.DoesNotContain("cdn.jsdelivr.net", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("fonts.scalar.com", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("\"url\":\"dashboard/openapi.json\"", html, StringComparison.Ordinal);
        Assert.Contains("\"telemetry\":false", html, StringComparison.Ordinal);
        Assert.Contains("\"withDefaultFonts\":false", html, StringComparison.Ordinal);
        Assert.Contains("\"showDeveloperTools\":\"never\"", html, StringComparison.Ordinal);
        Assert.Contains("\"agent\":{\"disabled\":true}", html, StringComparison.Ordinal);
        Assert.Contains("\"mcp\":{\"disabled\":true}", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApiDocumentForTheReference_IsTheManagementApisDocument()
    {
        JsonNode reference = JsonNode.Parse(await Host.Http.GetStringAsync("/dashboard/openapi.json"))!;
        JsonNode api = JsonNode.Parse(await Host.Http.GetStringAsync(DashboardHost.BasePath + "/openapi.json"))!;

        Assert.Equal("3.0.3", reference["openapi"]!.GetValue<string>());
        Assert.True(JsonNode.DeepEquals(api, reference));
        Assert.NotNull(reference["paths"]!["/api/approvals/{instanceId}/{name}"]);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/dashboard/")]
    [InlineData("/dashboard/api-reference/")]
    [InlineData("/dashboard/openapi.json")]
    public async Task DashboardRoutes_OnTheGrpcPort_Are404(string path)
    {
        using var http2 = new HttpClient { BaseAddress = Host.GrpcAddress, Timeout = Deadline.Duration };
        using var request = new HttpRequestMessage(HttpMethod.Get, path) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using HttpResponseMessage response = await http2.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [GeneratedRegex("(?:src|href)=\"(?<url>[^\"#]+\\.(?:js|css))\"")]
    private static partial Regex AssetReference();

    [GeneratedRegex("<script[^>]*\\ssrc=\"(?<url>[^\"]+)\"")]
    private static partial Regex ScriptSource();

    [GeneratedRegex("(?:https?:)?//[A-Za-z0-9.-]+\\.[A-Za-z]{2,}")]
    private static partial Regex ExternalUrl();
}
