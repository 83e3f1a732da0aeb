using System.Text.Json;
using DurableAgents.Approvals;
using DurableAgents.History;
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

namespace DurableAgents.Management.Approvals;

/// <summary>
/// POST {approvals}/{instanceId}/{name} with {"approved":bool,"approver":"...","comment":"..."}: answers the approval
/// the instance is waiting for by raising the event "approval:{name}". 409 when the approval existed but can no longer
/// be answered (already answered, timed out, or the instance finished while waiting; two racing answers are
/// serialised and the second sees the first); 404 when the instance never showed that approval.
/// </summary>
internal static class AnswerApprovalEndpoint
{
    public const int MaxApproverLength = 200;

    public static void Map(IEndpointRouteBuilder group) =>
        group.MapPost("{instanceId}/{name}", HandleAsync).WithName("AnswerApproval");

    public static async Task<Accepted<ApprovalAnswerPayload>> HandleAsync(
        HttpContext http,
        string instanceId,
        string name,
        [FromServices] DurableTaskClient client,
        [FromServices] ApprovalAnswerLedger ledger,
        [FromServices] IOptions<ManagementApiOptions> options,
        [FromServices] ILogger<ManagementApi> logger)
    {
        string id = IdentifierRules.InstanceId(instanceId);
        string approvalName = IdentifierRules.Name(name, "name", IdentifierKind.ApprovalName);
        ApprovalDecision decision = ReadDecision(await RequestBody.ReadJsonAsync(http, options.Value.MaxRequestBodyBytes));

        await using (await ledger.LockAsync(id, approvalName, http.RequestAborted))
        {
            OrchestrationMetadata metadata = await client.GetInstanceAsync(id, getInputsAndOutputs: true, http.RequestAborted)
                ?? throw Problems.InstanceNotFound(id);
            ApprovalCustomStatus? status = ApprovalCustomStatus.TryParse(metadata.SerializedCustomStatus, out ApprovalCustomStatus? parsed) ? parsed : null;
            ApprovalWait? wait = status?.WaitingForApproval;
            if (wait is null || !string.Equals(wait.Name, approvalName, StringComparison.Ordinal) || metadata.IsCompleted)
            {
                ledger.Forget(id, approvalName);
                throw await NotPendingAsync(http, id, approvalName, metadata, status);
            }

            if (ledger.FindAnswer(id, wait) is { } earlier)
            {
                throw AlreadyAnswered(id, approvalName, earlier.Decision.Approved ? "approved" : "rejected", earlier.Decision.Approver);
            }

            string eventName = ApprovalContextExtensions.GetEventName(approvalName);
            await client.RaiseEventAsync(id, eventName, decision, http.RequestAborted);
            ledger.RecordAnswer(id, wait, decision);
            Logs.ApprovalAnswered(logger, approvalName, id,
                decision.Approved ? "approved" : "rejected", decision.Approver ?? "(anonymous)");

            string statusUri = ManagementLinks.Instance(http.Request, options.Value, id);
            return TypedResults.Accepted(statusUri, new ApprovalAnswerPayload(
                id, approvalName, eventName, decision.Approved, decision.Approver, decision.Comment, statusUri));
        }
    }

    private static ApprovalDecision ReadDecision(JsonElement? body)
    {
        if (body is not { ValueKind: JsonValueKind.Object } answer)
        {
            throw Problems.Invalid("approved", "The body must be a JSON object with a boolean 'approved', e.g. {\"approved\":true,\"approver\":\"ana\",\"comment\":\"looks good\"}.");
        }

        if (!answer.TryGetProperty("approved", out JsonElement approved) || approved.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
        {
            throw Problems.Invalid("approved", "The body needs a boolean member 'approved' (true to approve, false to reject).");
        }

        string? approver = OptionalString(answer, "approver");
        if (approver?.Length > MaxApproverLength)
        {
            throw Problems.Invalid("approver", $"'approver' is {approver.Length} characters long; at most {MaxApproverLength} are allowed.");
        }

        return new ApprovalDecision(approved.GetBoolean(), approver, OptionalString(answer, "comment"));
    }

    private static string? OptionalString(JsonElement body, string member)
    {
        if (!body.TryGetProperty(member, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw Problems.Invalid(member, $"'{member}' must be a string (or left out).");
    }

    /// <summary>
    /// Why the approval cannot be answered: 409 when it existed (its decision or its wait is still in the instance's
    /// status, or its answer event is in the history), 404 when the instance never showed it.
    /// </summary>
    private static async Task<ManagementProblemException> NotPendingAsync(
        HttpContext http, string id, string approvalName, OrchestrationMetadata metadata, ApprovalCustomStatus? status)
    {
        if (status?.ApprovalDecided is { } decided && string.Equals(decided.Name, approvalName, StringComparison.Ordinal))
        {
            return AlreadyAnswered(id, approvalName, decided.Outcome switch
            {
                ApprovalOutcome.Approved => "approved",
                ApprovalOutcome.Rejected => "rejected",
                _ => "timed out",
            }, decided.Approver);
        }

        if (status?.WaitingForApproval is { } wait && string.Equals(wait.Name, approvalName, StringComparison.Ordinal))
        {
            // Only a finished instance gets here while its status still shows this wait: it ended before an answer came.
            return new ManagementProblemException(StatusCodes.Status409Conflict, "approval-not-pending", "Approval no longer pending",
                $"Instance '{id}' is {metadata.RuntimeStatus}: it ended while waiting for approval '{approvalName}', which can no longer be answered.", "name");
        }

        // The orchestration may have replaced the published status after the answer; its history still has the answer.
        if (await FindAnswerEventAsync(http, id, approvalName) is { } answered)
        {
            return AlreadyAnswered(id, approvalName, answered.Outcome, answered.Approver);
        }

        string now = metadata.IsCompleted
            ? $"it is {metadata.RuntimeStatus}"
            : status?.WaitingForApproval is { } other ? $"it is waiting for approval '{other.Name}'" : "it is not waiting for any approval";
        return new ManagementProblemException(StatusCodes.Status404NotFound, "approval-not-found", "Approval not found",
            $"Instance '{id}' is not waiting for approval '{approvalName}' and never showed it: {now}. List pending approvals with GET on the approvals path.", "name");
    }

    /// <summary>
    /// The outcome and approver of the answer raised for <paramref name="approvalName"/> in the instance's history (null
    /// when there is none, or the host cannot read histories).
    /// </summary>
    private static async Task<(string Outcome, string? Approver)?> FindAnswerEventAsync(HttpContext http, string id, string approvalName)
    {
        if (http.RequestServices.GetService<IInstanceHistoryReader>() is not { } histories)
        {
            return null;
        }

        string eventName = ApprovalContextExtensions.GetEventName(approvalName);
        IReadOnlyList<HistoryEvent> history = await histories.GetHistoryAsync(id, http.RequestAborted);
        EventRaisedEvent? raised = history.OfType<EventRaisedEvent>().LastOrDefault(e => string.Equals(e.Name, eventName, StringComparison.Ordinal));
        if (raised is null)
        {
            return null;
        }

        ApprovalDecision? decision = null;
        try
        {
            using JsonDocument payload = JsonDocument.Parse(raised.Input ?? "null");
            ApprovalDecision.TryRead(payload.RootElement, out decision);
        }
        catch (JsonException)
        {
            // A payload of another client's making: the approval was still answered.
        }

        return decision is null ? ("answered", null) : (decision.Approved ? "approved" : "rejected", decision.Approver);
    }

    private static ManagementProblemException AlreadyAnswered(string id, string approvalName, string outcome, string? approver) =>
        new(StatusCodes.Status409Conflict, "approval-already-answered", "Approval already answered",
            $"Approval '{approvalName}' of instance '{id}' was already {outcome}{(approver is null ? string.Empty : $" by '{approver}'")}; an approval is answered once.", "name");
}
