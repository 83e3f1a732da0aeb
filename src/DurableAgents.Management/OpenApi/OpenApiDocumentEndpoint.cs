using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using DurableAgents.Management.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace DurableAgents.Management.OpenApi;

/// <summary>
/// GET {BasePath}/openapi.json: the hand-written OpenAPI 3 document of this API (embedded resource), with its paths
/// moved to the configured BasePath/ApprovalsPath and its server set to the request's origin.
/// </summary>
internal static class OpenApiDocumentEndpoint
{
    private const string DocumentedBasePath = "/runtime/webhooks/durabletask";
    private const string DocumentedApprovalsPath = "/api/approvals";

    private static readonly Lazy<string> Template = new(LoadTemplate);

    // The document is read by people too: keep quotes and '+' unescaped.
    private static readonly JsonSerializerOptions WriteOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, WriteIndented = true };

    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("openapi.json", Handle).WithName("OpenApiDocument");

    public static ContentHttpResult Handle(HttpContext http, [FromServices] IOptions<ManagementApiOptions> options)
    {
        JsonObject document = JsonNode.Parse(Template.Value)!.AsObject();
        document["servers"] = new JsonArray(new JsonObject { ["url"] = ManagementLinks.Origin(http.Request) });

        var paths = new JsonObject();
        foreach ((string path, JsonNode? item) in document["paths"]!.AsObject().ToList())
        {
            paths[Relocate(path, options.Value)] = item?.DeepClone();
        }

        document["paths"] = paths;
        return TypedResults.Content(document.ToJsonString(WriteOptions), "application/json");
    }

    private static string Relocate(string path, ManagementApiOptions options)
    {
        if (path.StartsWith(DocumentedBasePath, StringComparison.Ordinal))
        {
            return options.BasePath + path[DocumentedBasePath.Length..];
        }

        return path.StartsWith(DocumentedApprovalsPath, StringComparison.Ordinal)
            ? options.ApprovalsPath + path[DocumentedApprovalsPath.Length..]
            : path;
    }

    private static string LoadTemplate()
    {
        using Stream stream = typeof(OpenApiDocumentEndpoint).Assembly.GetManifestResourceStream("DurableAgents.Management.OpenApi.openapi.json")
            ?? throw new InvalidOperationException("The embedded OpenAPI document is missing from DurableAgents.Management; rebuild the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
