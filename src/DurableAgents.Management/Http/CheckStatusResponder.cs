using System.Globalization;
using Microsoft.DurableTask.Client;
using DurableAgents.Management.Contracts;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace DurableAgents.Management.Http;

/// <summary>
/// Answers a start or restart: 202 with the check-status links, or, with a <c>timeout</c> query parameter, waits
/// up to that long for the instance to finish first (200 with the output when it completed; its status when it
/// failed or was terminated; the 202 links when time ran out).
/// </summary>
internal static class CheckStatusResponder
{
    /// <summary>Seconds a client should wait before following the Location of a new instance.</summary>
    public const int CheckStatusRetryAfterSeconds = 10;

    public static async Task<Results<Accepted<CheckStatusPayload>, ContentHttpResult, JsonHttpResult<InstanceStatusPayload>>> RespondAsync(
        HttpContext http, DurableTaskClient client, ManagementApiOptions options, string instanceId, CompletionWait wait)
    {
        if (wait.Timeout is { } timeout)
        {
            OrchestrationMetadata? finished = await WaitAsync(http, client, instanceId, timeout);
            if (finished?.RuntimeStatus == OrchestrationRuntimeStatus.Completed)
            {
                return TypedResults.Content(JsonValues.Parse(finished.SerializedOutput)?.ToJsonString() ?? "null", "application/json", statusCode: StatusCodes.Status200OK);
            }

            if (finished is not null)
            {
                return InstanceStatusResponder.Respond(http, finished, showInput: true, history: null, wait.InternalServerErrorOnFailure, ManagementLinks.Instance(http.Request, options, instanceId));
            }
        }

        return Accepted(http, options, instanceId);
    }

    public static Accepted<CheckStatusPayload> Accepted(HttpContext http, ManagementApiOptions options, string instanceId)
    {
        CheckStatusPayload links = ManagementLinks.CheckStatus(http.Request, options, instanceId);
        http.Response.Headers.RetryAfter = CheckStatusRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Accepted(links.StatusQueryGetUri, links);
    }

    private static async Task<OrchestrationMetadata?> WaitAsync(HttpContext http, DurableTaskClient client, string instanceId, TimeSpan timeout)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        deadline.CancelAfter(timeout);
        try
        {
            OrchestrationMetadata metadata = await client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, deadline.Token);
            return metadata.IsCompleted ? metadata : null;
        }
        catch (OperationCanceledException) when (!http.RequestAborted.IsCancellationRequested)
        {
            return null;
        }
    }
}
