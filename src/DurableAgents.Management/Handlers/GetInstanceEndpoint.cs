using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using DurableAgents.History;
using DurableAgents.Management.Contracts;
using DurableAgents.Management.History;
using DurableAgents.Management.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace DurableAgents.Management.Handlers;

/// <summary>GET instances/{instanceId}: one instance's status (202 while it runs), optionally with its history.</summary>
internal static class GetInstanceEndpoint
{
    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet("instances/{instanceId}", HandleAsync).WithName("GetInstance");

    public static async Task<JsonHttpResult<InstanceStatusPayload>> HandleAsync(
        HttpContext http, string instanceId, [FromServices] DurableTaskClient client, [FromServices] IInstanceHistoryReader histories)
    {
        string id = IdentifierRules.InstanceId(instanceId);
        bool showInput = QueryReader.Bool(http, "showInput", true);
        bool showHistory = QueryReader.Bool(http, "showHistory", false);
        bool showHistoryOutput = QueryReader.Bool(http, "showHistoryOutput", false);
        bool failWith500 = QueryReader.Bool(http, "returnInternalServerErrorOnFailure", false);

        OrchestrationMetadata metadata = await client.GetInstanceAsync(id, getInputsAndOutputs: true, http.RequestAborted)
            ?? throw Problems.InstanceNotFound(id);
        JsonArray? history = null;
        if (showHistory && metadata.RuntimeStatus != OrchestrationRuntimeStatus.Pending)
        {
            history = DurableFunctionsHistory.Format(
                await histories.GetHistoryAsync(id, http.RequestAborted), showHistoryOutput, showInput);
        }

        string? waitingForWorker = metadata.IsCompleted ? null : http.RequestServices.GetService<IOrchestratorCatalog>()?.GetWaitingForWorker(id);
        return InstanceStatusResponder.Respond(http, metadata, showInput, history, failWith500, http.Request.GetEncodedUrl(), waitingForWorker);
    }
}
