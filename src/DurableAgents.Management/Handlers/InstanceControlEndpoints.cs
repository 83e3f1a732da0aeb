using Microsoft.DurableTask.Client;
using DurableAgents.Management.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace DurableAgents.Management.Handlers;

/// <summary>POST instances/{instanceId}/terminate|suspend|resume?reason=: 202, 404 for unknown, 410 for finished instances.</summary>
internal static class InstanceControlEndpoints
{
    public static void Map(IEndpointRouteBuilder group)
    {
        group.MapPost("instances/{instanceId}/terminate", TerminateAsync).WithName("TerminateInstance");
        group.MapPost("instances/{instanceId}/suspend", SuspendAsync).WithName("SuspendInstance");
        group.MapPost("instances/{instanceId}/resume", ResumeAsync).WithName("ResumeInstance");
    }

    public static Task<Accepted> TerminateAsync(HttpContext http, string instanceId, [FromServices] DurableTaskClient client) =>
        ControlAsync(http, instanceId, client, "be terminated", (id, reason, ct) =>
            client.TerminateInstanceAsync(id, new TerminateInstanceOptions { Output = reason }, ct));

    public static Task<Accepted> SuspendAsync(HttpContext http, string instanceId, [FromServices] DurableTaskClient client) =>
        ControlAsync(http, instanceId, client, "be suspended", client.SuspendInstanceAsync);

    public static Task<Accepted> ResumeAsync(HttpContext http, string instanceId, [FromServices] DurableTaskClient client) =>
        ControlAsync(http, instanceId, client, "be resumed", client.ResumeInstanceAsync);

    private static async Task<Accepted> ControlAsync(
        HttpContext http, string instanceId, DurableTaskClient client, string operation, Func<string, string?, CancellationToken, Task> apply)
    {
        string id = IdentifierRules.InstanceId(instanceId);
        string? reason = QueryReader.String(http, "reason");
        OrchestrationMetadata metadata = await client.GetInstanceAsync(id, cancellation: http.RequestAborted)
            ?? throw Problems.InstanceNotFound(id);
        if (metadata.IsCompleted)
        {
            throw Problems.InstanceGone(id, metadata.RuntimeStatus.ToOrchestrationStatus(), operation);
        }

        await apply(id, reason, http.RequestAborted);
        return TypedResults.Accepted((string?)null);
    }
}
