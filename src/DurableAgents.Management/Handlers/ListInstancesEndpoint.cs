using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using DurableAgents.Management.Contracts;
using DurableAgents.Management.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace DurableAgents.Management.Handlers;

/// <summary>GET instances: one page of instances matching the filters; the next page's token is in x-ms-continuation-token.</summary>
internal static class ListInstancesEndpoint
{
    public const string ContinuationTokenHeader = "x-ms-continuation-token";
    public const int MaxPageSize = 1000;

    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("instances", HandleAsync).WithName("ListInstances");

    public static async Task<Ok<List<InstanceStatusPayload>>> HandleAsync(HttpContext http, [FromServices] DurableTaskClient client)
    {
        string? prefix = QueryReader.String(http, "instanceIdPrefix");
        (DateTimeOffset? from, DateTimeOffset? to) = QueryReader.CreatedTimeRange(http);
        var query = new OrchestrationQuery
        {
            CreatedFrom = from,
            CreatedTo = to,
            Statuses = QueryReader.Statuses(http, "runtimeStatus")?.Select(s => s.ToRuntimeStatus()).ToArray(),
            InstanceIdPrefix = prefix is null ? null : IdentifierRules.Validate(prefix, "instanceIdPrefix", IdentifierKind.InstanceIdPrefix),
            PageSize = QueryReader.Int(http, "top", 1, MaxPageSize) ?? OrchestrationQuery.DefaultPageSize,
            FetchInputsAndOutputs = true,
            ContinuationToken = NullIfEmpty(http.Request.Headers[ContinuationTokenHeader]),
        };
        bool showInput = QueryReader.Bool(http, "showInput", true);

        Page<OrchestrationMetadata>? page = null;
        await foreach (Page<OrchestrationMetadata> first in client.GetAllInstancesAsync(query)
            .AsPages(query.ContinuationToken, query.PageSize).WithCancellation(http.RequestAborted))
        {
            page = first;
            break;
        }

        if (!string.IsNullOrEmpty(page?.ContinuationToken))
        {
            http.Response.Headers[ContinuationTokenHeader] = page.ContinuationToken;
        }

        List<InstanceStatusPayload> instances = (page?.Values ?? [])
            .Select(metadata => InstanceStatusResponder.ToPayload(metadata, showInput))
            .ToList();
        return TypedResults.Ok(instances);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
