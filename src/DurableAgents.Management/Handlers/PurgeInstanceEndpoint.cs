using Microsoft.DurableTask.Client;
using DurableAgents.Management.Contracts;
using DurableAgents.Management.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace DurableAgents.Management.Handlers;

/// <summary>DELETE instances/{instanceId}: deletes a finished instance's state and history (412 while it runs).</summary>
internal static class PurgeInstanceEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapDelete("instances/{instanceId}", HandleAsync).WithName("PurgeInstance");

    public static async Task<Ok<PurgeHistoryPayload>> HandleAsync(HttpContext http, string instanceId, [FromServices] DurableTaskClient client)
    {
        string id = IdentifierRules.InstanceId(instanceId);
        OrchestrationMetadata metadata = await client.GetInstanceAsync(id, cancellation: http.RequestAborted)
            ?? throw Problems.InstanceNotFound(id);
        if (!metadata.IsCompleted)
        {
            throw Problems.InstanceNotTerminal(id, metadata.RuntimeStatus.ToOrchestrationStatus());
        }

        PurgeResult result = await client.PurgeInstanceAsync(id, cancellation: http.RequestAborted);
        return result.PurgedInstanceCount == 0
            ? throw Problems.InstanceNotFound(id)
            : TypedResults.Ok(new PurgeHistoryPayload(result.PurgedInstanceCount));
    }
}
