using System.Net;
using System.Text.Json;
using DurableAgents.Management.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Management.Tests;

public sealed class OpenApiDocumentTests
{
    [Fact]
    public async Task Document_DescribesEveryMappedRouteAndMethod()
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync();

        using HttpResponseMessage response = await f.Http.GetAsync("/runtime/webhooks/durabletask/openapi.json");

        JsonElement document = await HttpAssert.JsonAsync(response, HttpStatusCode.OK);
        Assert.StartsWith("3.", document.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        Assert.Equal(f.Server.BaseAddress.GetLeftPart(UriPartial.Authority), document.GetProperty("servers")[0].GetProperty("url").GetString());
        JsonElement paths = document.GetProperty("paths");

        var mapped = f.Server.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => (Path: e.RoutePattern.RawText!, Method: m)))
            .ToList();
        Assert.Equal(13, mapped.Count);
        foreach ((string path, string method) in mapped)
        {
            // The optional {instanceId?} of the start route is documented as two paths, as OpenAPI has no optional segments.
            string[] documented = path.Contains("{instanceId?}", StringComparison.Ordinal)
                ? [path.Replace("/{instanceId?}", string.Empty, StringComparison.Ordinal), path.Replace("{instanceId?}", "{instanceId}", StringComparison.Ordinal)]
                : [path.TrimEnd('/')];
            foreach (string documentedPath in documented)
            {
                Assert.True(paths.TryGetProperty(documentedPath, out JsonElement item), $"{documentedPath} is not documented");
                Assert.True(item.TryGetProperty(method.ToLowerInvariant(), out JsonElement operation), $"{method} {documentedPath} is not documented");
                Assert.True(operation.GetProperty("responses").EnumerateObject().Any(), $"{method} {documentedPath} has no responses");
            }
        }
    }

    [Fact]
    public async Task Document_FollowsConfiguredPaths()
    {
        await using ManagementFixture f = await ManagementFixture.StartAsync(new Dictionary<string, string?>
        {
            ["Management:BasePath"] = "/ops/durable",
            ["Management:ApprovalsPath"] = "/ops/approvals",
        });

        using HttpResponseMessage response = await f.Http.GetAsync("/ops/durable/openapi.json");

        JsonElement paths = (await HttpAssert.JsonAsync(response, HttpStatusCode.OK)).GetProperty("paths");
        Assert.True(paths.TryGetProperty("/ops/durable/instances/{instanceId}", out _));
        Assert.True(paths.TryGetProperty("/ops/approvals/{instanceId}/{name}", out _));
        Assert.DoesNotContain(paths.EnumerateObject(), p => p.Name.StartsWith("/runtime", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await f.Http.GetAsync("/runtime/webhooks/durabletask/instances")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await f.Http.GetAsync("/ops/durable/instances")).StatusCode);
    }
}
