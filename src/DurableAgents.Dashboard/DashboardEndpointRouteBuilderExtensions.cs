using DurableAgents.Management;
using DurableAgents.Management.Http;
using DurableAgents.Management.OpenApi;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace DurableAgents.Dashboard;

/// <summary>Maps the web dashboard and the API reference page beside the management API.</summary>
public static class DashboardEndpointRouteBuilderExtensions
{
    /// <summary>
    /// The page may load only what its own server serves: a browser then refuses any CDN or third-party URL, and
    /// inline scripts, should an instance's data ever smuggle markup in.
    /// </summary>
    internal const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /// <summary>
    /// Maps <c>/</c> (redirects to the dashboard), the dashboard at <see cref="DashboardPaths.Root"/> with its assets,
    /// the OpenAPI document at <see cref="DashboardPaths.OpenApiDocument"/> and the Scalar API reference at
    /// <see cref="DashboardPaths.ApiReference"/>. The pages hold no instance data and need no API key; the page's
    /// calls go to the management API, which asks for the key when one is configured. Requires
    /// <see cref="ManagementServiceCollectionExtensions.AddDurableTaskManagementApi"/> (the page reads its paths).
    /// Returns the group of these routes, so the caller can add conventions to all of them.
    /// </summary>
    public static RouteGroupBuilder MapDurableAgentsDashboard(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        IOptions<ManagementApiOptions> options = endpoints.ServiceProvider.GetService<IOptions<ManagementApiOptions>>()
            ?? throw new InvalidOperationException(
                "The dashboard calls the management API. Call services.AddDurableTaskManagementApi() before app.MapDurableAgentsDashboard().");
        var page = new DashboardPage(DashboardAssets.Embedded, options.Value);

        RouteGroupBuilder dashboard = endpoints.MapGroup(string.Empty).WithTags("Dashboard").ExcludeFromDescription();
        dashboard.MapGet("/", () => TypedResults.Redirect(DashboardPaths.Root));
        dashboard.MapGet(DashboardPaths.Root, (HttpContext http) => ServeIndex(http, page));
        dashboard.MapGet(DashboardPaths.Assets + "/{name}", (HttpContext http, string name) => ServeAsset(http, name));
        dashboard.MapGet(DashboardPaths.OpenApiDocument, (HttpContext http, IOptions<ManagementApiOptions> management) =>
            OpenApiDocumentEndpoint.Handle(http, management));

        // Scalar serves its page and its bundle (scalar.js, an embedded resource of Scalar.AspNetCore) from this
        // process. Its defaults that reach Scalar's servers are turned off: fonts from its CDN, usage telemetry, and
        // the toolbar, AI chat and MCP features that would send the document to its services.
        dashboard.MapScalarApiReference(DashboardPaths.ApiReference, scalar => scalar
            .WithTitle("DurableAgents management API")
            .WithOpenApiRoutePattern(DashboardPaths.OpenApiDocument)
            .DisableDefaultFonts()
            .DisableTelemetry()
            .HideDeveloperTools()
            .DisableAgent()
            .DisableMcp()
            .AddPreferredSecuritySchemes(["apiKey"]));
        return dashboard;
    }

    private static IResult ServeIndex(HttpContext http, DashboardPage page)
    {
        // Routing matches /dashboard and /dashboard/ alike; one address keeps bookmarks and relative links the same.
        if (!http.Request.Path.Value!.EndsWith('/'))
        {
            return TypedResults.Redirect(DashboardPaths.Root);
        }

        NoExternalContent(http.Response);
        http.Response.Headers.CacheControl = "no-cache";
        return TypedResults.Content(page.Html, "text/html; charset=utf-8");
    }

    private static IResult ServeAsset(HttpContext http, string name)
    {
        if (name.Equals(DashboardPage.TemplateName, StringComparison.Ordinal) || !DashboardAssets.Embedded.TryGet(name, out DashboardAsset asset))
        {
            return Problems.Create(http, StatusCodes.Status404NotFound, "route-not-found", "Not Found",
                $"The dashboard has no asset '{name}'. Open {DashboardPaths.Root}.");
        }

        NoExternalContent(http.Response);
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers.ETag = asset.ETag;
        if (http.Request.Headers.IfNoneMatch.Contains(asset.ETag))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        return TypedResults.Bytes(asset.Content, asset.ContentType);
    }

    private static void NoExternalContent(HttpResponse response)
    {
        response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
    }
}
