using DurableAgents.Management.Contracts;
using Microsoft.AspNetCore.Http;

namespace DurableAgents.Management.Http;

/// <summary>Absolute URIs into the API, built from the request's scheme, host and path base.</summary>
internal static class ManagementLinks
{
    public static string Origin(HttpRequest request) => $"{request.Scheme}://{request.Host}{request.PathBase}";

    public static string Instance(HttpRequest request, ManagementApiOptions options, string instanceId) =>
        $"{Origin(request)}{options.BasePath}/instances/{Uri.EscapeDataString(instanceId)}";

    public static string ApprovalAnswer(HttpRequest request, ManagementApiOptions options, string instanceId, string approvalName) =>
        $"{Origin(request)}{options.ApprovalsPath}/{Uri.EscapeDataString(instanceId)}/{Uri.EscapeDataString(approvalName)}";

    /// <summary>The raiseEvent route of one instance with the event name filled in.</summary>
    public static string RaiseEvent(HttpRequest request, ManagementApiOptions options, string instanceId, string eventName) =>
        $"{Instance(request, options, instanceId)}/raiseEvent/{Uri.EscapeDataString(eventName)}";

    /// <summary>The check-status links, with the placeholders Durable Functions uses: {eventName} and {text}.</summary>
    public static CheckStatusPayload CheckStatus(HttpRequest request, ManagementApiOptions options, string instanceId)
    {
        string instance = Instance(request, options, instanceId);
        return new CheckStatusPayload(
            Id: instanceId,
            StatusQueryGetUri: instance,
            SendEventPostUri: instance + "/raiseEvent/{eventName}",
            TerminatePostUri: instance + "/terminate?reason={text}",
            PurgeHistoryDeleteUri: instance,
            RestartPostUri: instance + "/restart",
            SuspendPostUri: instance + "/suspend?reason={text}",
            ResumePostUri: instance + "/resume?reason={text}");
    }
}
