using DurableAgents.Management.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DurableAgents.Management;

/// <summary>Makes every error of the HTTP port an RFC 7807 problem, also those no management route produced.</summary>
public static class ManagementApplicationBuilderExtensions
{
    /// <summary>
    /// Refuses request targets longer than <see cref="ManagementApiOptions.MaxUrlLength"/> with a 414 problem, and gives
    /// every error response that has no body yet (404 no such route, 405 wrong method, errors of other middleware) an
    /// <c>application/problem+json</c> body saying what to do. Add it before the routes' middleware runs, on the
    /// pipeline (or branch) of the HTTP port only: gRPC answers errors in trailers, not bodies. Responses the server
    /// writes itself before any middleware runs (a request line or headers beyond its limits, malformed HTTP) cannot
    /// be reached from here.
    /// </summary>
    public static IApplicationBuilder UseDurableTaskManagementProblems(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        ManagementApiOptions options = app.ApplicationServices.GetRequiredService<IOptions<ManagementApiOptions>>().Value;
        app.Use((context, next) => RefuseLongUrl(context, next, options.MaxUrlLength));
        app.UseStatusCodePages(context => WriteProblemAsync(context.HttpContext, options));
        return app;
    }

    private static Task RefuseLongUrl(HttpContext http, RequestDelegate next, int maxUrlLength)
    {
        // The raw target is what the client sent (path and query, still escaped): the length the limit is about.
        string target = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? http.Request.Path.Add(http.Request.QueryString.Value ?? string.Empty);
        if (target.Length <= maxUrlLength)
        {
            return next(http);
        }

        return Problems.Create(http, StatusCodes.Status414UriTooLong, "url-too-long", "URL too long",
            $"The request URL is {target.Length} characters long; at most {maxUrlLength} are accepted. Send large values in a JSON body, or raise Management:MaxUrlLength.")
            .ExecuteAsync(http);
    }

    private static Task WriteProblemAsync(HttpContext http, ManagementApiOptions options)
    {
        HttpRequest request = http.Request;
        int status = http.Response.StatusCode;
        (string slug, string detail) = status switch
        {
            StatusCodes.Status404NotFound => ("route-not-found",
                $"No route matches {request.Method} {request.Path}. The routes are listed in {options.BasePath}/openapi.json (approvals under {options.ApprovalsPath})."),
            StatusCodes.Status405MethodNotAllowed => ("method-not-allowed",
                $"{request.Method} is not allowed on {request.Path}; {AllowedMethods(http.Response)}. The routes are listed in {options.BasePath}/openapi.json."),
            StatusCodes.Status413PayloadTooLarge => ("body-too-large",
                $"The request body is larger than the server accepts. Send a smaller body, or raise Management:MaxRequestBodyBytes."),
            _ => ("http-" + status.ToString(System.Globalization.CultureInfo.InvariantCulture),
                $"The request was answered {status} {ReasonPhrases.GetReasonPhrase(status)} before it reached a management route."),
        };
        string title = ReasonPhrases.GetReasonPhrase(status) is { Length: > 0 } phrase ? phrase : "Error";
        return Problems.Create(http, status, slug, title, detail).ExecuteAsync(http);
    }

    private static string AllowedMethods(HttpResponse response)
    {
        string allow = response.Headers.Allow.ToString();
        return string.IsNullOrEmpty(allow) ? "use the method the route is documented with" : $"use {allow}";
    }
}
