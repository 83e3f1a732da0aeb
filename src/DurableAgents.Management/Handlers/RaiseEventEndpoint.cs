using System.Text.Json;
using Microsoft.DurableTask.Client;
using DurableAgents.Management.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace DurableAgents.Management.Handlers;

/// <summary>POST instances/{instanceId}/raiseEvent/{eventName}: delivers the JSON body as an external event.</summary>
internal static class RaiseEventEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("instances/{instanceId}/raiseEvent/{eventName}", HandleAsync).WithName("RaiseEvent");

    public static async Task<Accepted> HandleAsync(
        HttpContext http,
        string instanceId,
        string eventName,
        [FromServices] DurableTaskClient client,
        [FromServices] IOptions<ManagementApiOptions> options)
    {
        string id = IdentifierRules.InstanceId(instanceId);
        string name = IdentifierRules.Name(eventName, "eventName", IdentifierKind.EventName);
        JsonElement? payload = await RequestBody.ReadJsonAsync(http, options.Value.MaxRequestBodyBytes);
        OrchestrationMetadata metadata = await client.GetInstanceAsync(id, cancellation: http.RequestAborted)
            ?? throw Problems.InstanceNotFound(id);
        if (metadata.IsCompleted)
        {
            throw Problems.InstanceGone(id, metadata.RuntimeStatus.ToOrchestrationStatus(), "receive events");
        }

        await client.RaiseEventAsync(id, name, payload, http.RequestAborted);
        return TypedResults.Accepted((string?)null);
    }
}
