using Microsoft.DurableTask.Client;
using Spectre.Console;

namespace DurableAgents.Cli.Output;

/// <summary>Instances as a table for <c>list</c>.</summary>
internal static class InstanceTable
{
    public static Table Render(IReadOnlyList<OrchestrationMetadata> instances)
    {
        ArgumentNullException.ThrowIfNull(instances);
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("Instance").NoWrap())
            .AddColumn("Name")
            .AddColumn(new TableColumn("Status").NoWrap())
            .AddColumn(new TableColumn("Created (UTC)").NoWrap())
            .AddColumn(new TableColumn("Last updated (UTC)").NoWrap());
        foreach (OrchestrationMetadata instance in instances)
        {
            table.AddRow(
                new Text(instance.InstanceId),
                new Text(instance.Name),
                new Markup(InstanceView.StatusMarkup(instance.RuntimeStatus)),
                new Text(PayloadText.Time(instance.CreatedAt)),
                new Text(PayloadText.Time(instance.LastUpdatedAt)));
        }

        return table;
    }
}
