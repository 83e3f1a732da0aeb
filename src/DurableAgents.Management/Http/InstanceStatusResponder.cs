using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using DurableAgents.Management.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DurableAgents.Management.Http;

/// <summary>Answers with an instance's status the way Durable Functions does: 202 while it runs, 200 (or 500) when it ended.</summary>
internal static class InstanceStatusResponder
{
    /// <summary>Seconds a client should wait before polling a running instance again.</summary>
    public const int StatusRetryAfterSeconds = 5;

    public static InstanceStatusPayload ToPayload(OrchestrationMetadata metadata, bool showInput, JsonArray? history = null, string? waitingForWorker = null)
    {
        JsonNode? output = JsonValues.Parse(metadata.SerializedOutput);
        if (output is null && metadata.RuntimeStatus == OrchestrationRuntimeStatus.Failed && metadata.FailureDetails is { } failure)
        {
            // A failed instance has no output of its own; Durable Functions reports the failure message there.
            output = JsonValue.Create($"{failure.ErrorType}: {failure.ErrorMessage}");
        }

        return new InstanceStatusPayload(
            metadata.Name,
            metadata.InstanceId,
            metadata.RuntimeStatus.ToString(),
            showInput ? JsonValues.Parse(metadata.SerializedInput) : null,
            JsonValues.Parse(metadata.SerializedCustomStatus),
            output,
            JsonValues.Seconds(metadata.CreatedAt),
            JsonValues.Seconds(metadata.LastUpdatedAt))
        {
            HistoryEvents = history,
            WaitingForWorker = metadata.IsCompleted ? null : waitingForWorker,
        };
    }

    public static JsonHttpResult<InstanceStatusPayload> Respond(
        HttpContext http, OrchestrationMetadata metadata, bool showInput, JsonArray? history, bool internalServerErrorOnFailure, string location,
        string? waitingForWorker = null)
    {
        InstanceStatusPayload payload = ToPayload(metadata, showInput, history, waitingForWorker);
        int statusCode = metadata.RuntimeStatus.ToOrchestrationStatus() switch
        {
            OrchestrationStatus status when !status.IsTerminal() => StatusCodes.Status202Accepted,
            OrchestrationStatus.Failed when internalServerErrorOnFailure => StatusCodes.Status500InternalServerError,
            _ => StatusCodes.Status200OK,
        };
        if (statusCode == StatusCodes.Status202Accepted)
        {
            http.Response.Headers.Location = location;
            http.Response.Headers.RetryAfter = StatusRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return TypedResults.Json(payload, statusCode: statusCode);
    }
}
