using DurableAgents.Cli.Backends;
using Spectre.Console;

namespace DurableAgents.Cli.Output;

/// <summary>Pending approvals as a table for <c>approvals</c>: what to pass to approve/reject first, then context while it fits.</summary>
internal static class ApprovalTable
{
    private static readonly FittingColumn<PendingApproval>[] Columns =
    [
        new("Instance", approval => new Text(approval.InstanceId)),
        new("Approval", approval => new Text(approval.Name)),
        new("Expires (UTC)", approval => new Text(PayloadText.Time(approval.ExpiresAt)), DropOrder: 2),
        new("Orchestrator", approval => new Text(approval.OrchestratorName), DropOrder: 3, NoWrap: false),
        new("Waiting since (UTC)", approval => new Text(PayloadText.Time(approval.Since)), DropOrder: 4),
        new("Details", approval => new Text(PayloadText.Summarize(approval.Details, 60) ?? string.Empty), DropOrder: 5, NoWrap: false),
    ];

    public static Table Render(IAnsiConsole console, IReadOnlyList<PendingApproval> approvals) =>
        FittingTable.Build(console, Columns, approvals);
}
