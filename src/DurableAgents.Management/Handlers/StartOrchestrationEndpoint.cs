using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using DurableAgents.Management.Contracts;
using DurableAgents.Management.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DurableAgents.Management.Handlers;

/// <summary>POST orchestrators/{name}/{instanceId?}: starts an instance with the body as its input.</summary>
internal static class StartOrchestrationEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("orchestrators/{name}/{instanceId?}", HandleAsync).WithName("StartOrchestration");

    public static async Task<Results<Accepted<CheckStatusPayload>, ContentHttpResult, JsonHttpResult<InstanceStatusPayload>>> HandleAsync(
        HttpContext http,
        string name,
        string? instanceId,
        [FromServices] DurableTaskClient client,
        [FromServices] IOptions<ManagementApiOptions> options,
        [FromServices] ILogger<ManagementApi> logger)
    {
        string orchestrator = IdentifierRules.Name(name, "name", IdentifierKind.OrchestratorName);
        string? requestedId = instanceId is null ? null : IdentifierRules.InstanceId(instanceId);
        CompletionWait wait = CompletionWait.Read(http);
        JsonElement? input = await RequestBody.ReadJsonAsync(http, options.Value.MaxRequestBodyBytes);
        EnsureRegistered(http.RequestServices.GetService<IOrchestratorCatalog>(), orchestrator);
        OrchestratorInputCheck.Ensure(http.RequestServices.GetService<IOrchestratorInputTypes>(), orchestrator, input);

        if (requestedId is not null &&
            await client.GetInstanceAsync(requestedId, cancellation: http.RequestAborted) is { IsCompleted: false } existing)
        {
            throw Problems.InstanceExists(requestedId, existing.RuntimeStatus.ToOrchestrationStatus());
        }

        string id = await client.ScheduleNewOrchestrationInstanceAsync(
            orchestrator, input, new StartOrchestrationOptions(requestedId), http.RequestAborted);
        Logs.OrchestrationStarted(logger, orchestrator, id);
        return await CheckStatusResponder.RespondAsync(http, client, options.Value, id, wait);
    }

    private static void EnsureRegistered(IOrchestratorCatalog? catalog, string orchestrator)
    {
        if (catalog is null || !catalog.TryGetKnownNames(out IReadOnlyCollection<string> known) ||
            known.Contains(orchestrator, StringComparer.OrdinalIgnoreCase))
        {
            return;
        }

        string detail = known.Count == 0
            ? $"No connected worker has registered any orchestrator, so '{orchestrator}' cannot run. Start a worker that registers it, then retry."
            : $"No connected worker has registered an orchestrator named '{orchestrator}'. Known orchestrators: {string.Join(", ", known.Order(StringComparer.OrdinalIgnoreCase))}.";
        throw new ManagementProblemException(StatusCodes.Status400BadRequest, "unknown-orchestrator", "Unknown orchestrator", detail, "name");
    }
}
