using System.Globalization;
using System.Text;

namespace DurableAgents.Cli.Backends;

/// <summary>The management API's relative routes (see src/DurableAgents.Management/README.md).</summary>
internal static class ManagementRoutes
{
    public const string BasePath = "runtime/webhooks/durabletask";
    public const string ApprovalsPath = "api/approvals";

    public static string Start(string orchestratorName, string? instanceId) =>
        instanceId is null
            ? $"{BasePath}/orchestrators/{Segment(orchestratorName)}"
            : $"{BasePath}/orchestrators/{Segment(orchestratorName)}/{Segment(instanceId)}";

    public static string Instance(string instanceId, bool withHistory) =>
        $"{BasePath}/instances/{Segment(instanceId)}?showInput=true" + (withHistory ? "&showHistory=true&showHistoryOutput=true" : string.Empty);

    public static string Instances(InstanceListRequest request, int pageSize)
    {
        var query = new StringBuilder($"{BasePath}/instances?showInput=false&top={pageSize.ToString(CultureInfo.InvariantCulture)}");
        AppendTimes(query, request.CreatedFrom, request.CreatedTo);
        AppendStatuses(query, request.Statuses);
        if (request.InstanceIdPrefix is { } prefix)
        {
            query.Append("&instanceIdPrefix=").Append(Uri.EscapeDataString(prefix));
        }

        return query.ToString();
    }

    public static string RaiseEvent(string instanceId, string eventName) =>
        $"{BasePath}/instances/{Segment(instanceId)}/raiseEvent/{Segment(eventName)}";

    /// <summary>terminate, suspend or resume, with an optional reason.</summary>
    public static string Control(string instanceId, string operation, string? reason) =>
        $"{BasePath}/instances/{Segment(instanceId)}/{operation}" + (reason is null ? string.Empty : $"?reason={Uri.EscapeDataString(reason)}");

    public static string PurgeInstance(string instanceId) => $"{BasePath}/instances/{Segment(instanceId)}";

    public static string PurgeInstances(DateTimeOffset createdFrom, DateTimeOffset? createdTo, IReadOnlyCollection<OrchestrationStatus>? statuses)
    {
        var query = new StringBuilder($"{BasePath}/instances?");
        AppendTimes(query, createdFrom, createdTo);
        AppendStatuses(query, statuses);
        return query.ToString().Replace("?&", "?", StringComparison.Ordinal);
    }

    public static string Restart(string instanceId, bool restartWithNewInstanceId) =>
        $"{BasePath}/instances/{Segment(instanceId)}/restart?restartWithNewInstanceId={(restartWithNewInstanceId ? "true" : "false")}";

    public static string Approvals(string? approvalName) =>
        approvalName is null ? ApprovalsPath : $"{ApprovalsPath}?name={Uri.EscapeDataString(approvalName)}";

    public static string Approval(string instanceId, string approvalName) =>
        $"{ApprovalsPath}/{Segment(instanceId)}/{Segment(approvalName)}";

    private static void AppendTimes(StringBuilder query, DateTimeOffset? from, DateTimeOffset? to)
    {
        if (from is { } createdFrom)
        {
            query.Append("&createdTimeFrom=").Append(Uri.EscapeDataString(Iso(createdFrom)));
        }

        if (to is { } createdTo)
        {
            query.Append("&createdTimeTo=").Append(Uri.EscapeDataString(Iso(createdTo)));
        }
    }

    private static void AppendStatuses(StringBuilder query, IReadOnlyCollection<OrchestrationStatus>? statuses)
    {
        if (statuses is { Count: > 0 })
        {
            query.Append("&runtimeStatus=").Append(string.Join(',', statuses));
        }
    }

    private static string Iso(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);

    private static string Segment(string value) => Uri.EscapeDataString(value);
}
