using Microsoft.DurableTask.Client;
using DurableAgents.Management.Contracts;
using DurableAgents.Management.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace DurableAgents.Management.Handlers;

/// <summary>
/// DELETE instances?createdTimeFrom=&amp;createdTimeTo=&amp;runtimeStatus=: purges finished instances created in the
/// range (no upper bound without createdTimeTo); 404 when nothing matched, as Durable Functions answers.
/// </summary>
internal static class PurgeInstancesEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapDelete("instances", HandleAsync).WithName("PurgeInstances");

    public static async Task<Ok<PurgeHistoryPayload>> HandleAsync(HttpContext http, [FromServices] DurableTaskClient client)
    {
        (DateTimeOffset? createdFrom, DateTimeOffset? to) = QueryReader.CreatedTimeRange(http);
        DateTimeOffset from = createdFrom
            ?? throw Problems.Invalid("createdTimeFrom", "Purging by filter needs the query parameter 'createdTimeFrom' (an ISO 8601 time), so that a bare DELETE cannot wipe every instance.");
        IReadOnlyCollection<OrchestrationStatus>? statuses = QueryReader.Statuses(http, "runtimeStatus");
        OrchestrationStatus[] running = statuses?.Where(status => !status.IsTerminal()).ToArray() ?? [];
        if (running.Length > 0)
        {
            throw Problems.Invalid("runtimeStatus",
                $"Only finished instances can be purged, but runtimeStatus asks for {string.Join(", ", running)}. Use Completed, Failed, Terminated or Canceled.");
        }

        PurgeResult result = await client.PurgeAllInstancesAsync(new PurgeInstancesFilter(from, to, statuses?.Select(s => s.ToRuntimeStatus()).ToArray()), cancellation: http.RequestAborted);
        if (result.PurgedInstanceCount == 0)
        {
            throw new ManagementProblemException(StatusCodes.Status404NotFound, "nothing-to-purge", "No instances matched",
                "No finished instance matched the filter, so nothing was purged. Widen createdTimeFrom/createdTimeTo or runtimeStatus.");
        }

        return TypedResults.Ok(new PurgeHistoryPayload(result.PurgedInstanceCount));
    }
}
