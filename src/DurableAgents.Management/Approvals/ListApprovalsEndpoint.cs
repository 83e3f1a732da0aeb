using DurableAgents.Approvals;
using Microsoft.DurableTask.Client;
using DurableAgents.Management.Contracts;
using DurableAgents.Management.Handlers;
using DurableAgents.Management.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;

namespace DurableAgents.Management.Approvals;

/// <summary>GET {approvals}?name=: the instances whose custom status says they wait for an approval, oldest wait first.</summary>
internal static class ListApprovalsEndpoint
{
    public const int InputSummaryLength = 200;

    public static void Map(IEndpointRouteBuilder group) =>
        group.MapGet(string.Empty, HandleAsync).WithName("ListApprovals");

    public static async Task<Ok<List<PendingApprovalPayload>>> HandleAsync(
        HttpContext http,
        [FromServices] DurableTaskClient client,
        [FromServices] ApprovalAnswerLedger ledger,
        [FromServices] IOptions<ManagementApiOptions> options)
    {
        string? nameFilter = QueryReader.String(http, "name") is { } name ? IdentifierRules.Name(name, "name", IdentifierKind.ApprovalName) : null;
        var query = new OrchestrationQuery
        {
            // Only a started, unfinished instance can be waiting; suspended ones still wait (and are shown as such).
            Statuses = [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended],
            FetchInputsAndOutputs = true,
            PageSize = ListInstancesEndpoint.MaxPageSize,
        };

        var waits = new List<(OrchestrationMetadata Metadata, ApprovalWait Wait)>();
        await foreach (OrchestrationMetadata metadata in client.GetAllInstancesAsync(query).WithCancellation(http.RequestAborted))
        {
            if (ApprovalCustomStatus.TryParse(metadata.SerializedCustomStatus, out ApprovalCustomStatus? status) &&
                status.WaitingForApproval is { } wait)
            {
                waits.Add((metadata, wait));
            }
        }

        // A complete listing tells exactly which waits still exist; answers to any other wait can be forgotten.
        ledger.ForgetAllExcept(waits.Select(w => (w.Metadata.InstanceId, w.Wait)));

        List<PendingApprovalPayload> pending = waits
            .Where(w => nameFilter is null || string.Equals(w.Wait.Name, nameFilter, StringComparison.Ordinal))
            .OrderBy(w => w.Wait.Since)
            .ThenBy(w => w.Metadata.InstanceId, StringComparer.Ordinal)
            .Select(w => new PendingApprovalPayload(
                w.Metadata.InstanceId,
                w.Metadata.Name,
                w.Metadata.RuntimeStatus.ToString(),
                w.Wait.Name,
                JsonValues.Precise(w.Wait.Since),
                JsonValues.Precise(w.Wait.ExpiresAt),
                System.Text.Json.JsonSerializer.SerializeToNode(w.Wait.Details),
                Summarise(w.Metadata.SerializedInput),
                ManagementLinks.ApprovalAnswer(http.Request, options.Value, w.Metadata.InstanceId, w.Wait.Name),
                ApprovalContextExtensions.GetEventName(w.Wait.Name),
                ManagementLinks.RaiseEvent(http.Request, options.Value, w.Metadata.InstanceId, ApprovalContextExtensions.GetEventName(w.Wait.Name))))
            .ToList();
        return TypedResults.Ok(pending);
    }

    private static string? Summarise(string? input) =>
        input is null || input.Length <= InputSummaryLength ? input : string.Concat(input.AsSpan(0, InputSummaryLength), "…");
}
