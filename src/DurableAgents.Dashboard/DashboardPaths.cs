namespace DurableAgents.Dashboard;

/// <summary>Where the dashboard and the API reference are served on the management port.</summary>
public static class DashboardPaths
{
    /// <summary>The dashboard's page (<c>/</c> redirects here).</summary>
    public const string Root = "/dashboard/";

    /// <summary>The dashboard's scripts and styles.</summary>
    public const string Assets = "/dashboard/assets";

    /// <summary>The API reference page (Scalar) of the management API's OpenAPI document; the page itself is this path with a trailing slash.</summary>
    public const string ApiReference = "/dashboard/api-reference";

    /// <summary>
    /// The management API's OpenAPI document for the API reference page. It describes routes and holds no instance
    /// data, so it is served without the API key: the reference page can load it before the reader has entered one.
    /// </summary>
    public const string OpenApiDocument = "/dashboard/openapi.json";
}
