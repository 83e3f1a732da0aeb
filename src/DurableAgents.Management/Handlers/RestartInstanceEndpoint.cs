using Microsoft.DurableTask.Client;
using DurableAgents.Management.Contracts;
using DurableAgents.Management.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace DurableAgents.Management.Handlers;

/// <summary>
/// POST instances/{instanceId}/restart?restartWithNewInstanceId=true: starts the instance again with its original
/// input, under a new id by default, and answers like a start.
/// </summary>
internal static class RestartInstanceEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("instances/{instanceId}/restart", HandleAsync).WithName("RestartInstance");

    public static async Task<Results<Accepted<CheckStatusPayload>, ContentHttpResult, JsonHttpResult<InstanceStatusPayload>>> HandleAsync(
        HttpContext http, string instanceId, [FromServices] DurableTaskClient client, [FromServices] IOptions<ManagementApiOptions> options)
    {
        string id = IdentifierRules.InstanceId(instanceId);
        bool withNewId = QueryReader.Bool(http, "restartWithNewInstanceId", true);
        CompletionWait wait = CompletionWait.Read(http);
        OrchestrationMetadata metadata = await client.GetInstanceAsync(id, cancellation: http.RequestAborted)
            ?? throw Problems.InstanceNotFound(id);
        if (!withNewId && !metadata.IsCompleted)
        {
            throw Problems.InstanceExists(id, metadata.RuntimeStatus.ToOrchestrationStatus());
        }

        string restartedId = await client.RestartAsync(id, withNewId, http.RequestAborted);
        return await CheckStatusResponder.RespondAsync(http, client, options.Value, restartedId, wait);
    }
}
