using Microsoft.DurableTask.Client;
using Spectre.Console;

namespace DurableAgents.Cli.Output;

/// <summary>Instances as a table for <c>list</c>: id, name and status always; the times while they fit the width.</summary>
internal static class InstanceTable
{
    private static readonly FittingColumn<OrchestrationMetadata>[] Columns =
    [
        new("Instance", instance => new Text(instance.InstanceId)),
        new("Name", instance => new Text(instance.Name), NoWrap: false),
        new("Status", instance => new Markup(InstanceView.StatusMarkup(instance.RuntimeStatus))),
        new("Created (UTC)", instance => new Text(PayloadText.Time(instance.CreatedAt)), DropOrder: 1),
        new("Last updated (UTC)", instance => new Text(PayloadText.Time(instance.LastUpdatedAt)), DropOrder: 2),
    ];

    public static Table Render(IAnsiConsole console, IReadOnlyList<OrchestrationMetadata> instances) =>
        FittingTable.Build(console, Columns, instances);
}
