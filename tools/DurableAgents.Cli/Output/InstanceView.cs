using Microsoft.DurableTask.Client;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace DurableAgents.Cli.Output;

/// <summary>One instance as a two-column grid of properties.</summary>
internal static class InstanceView
{
    /// <summary>Longest input/output/custom status shown before it is cut; --json shows everything.</summary>
    private const int MaxPayloadLength = 400;

    public static IRenderable Render(OrchestrationMetadata instance, bool showInput)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var grid = new Grid().AddColumn(new GridColumn().NoWrap()).AddColumn();
        Add(grid, "Instance", instance.InstanceId);
        Add(grid, "Name", instance.Name);
        grid.AddRow(new Markup("[bold]Status[/]"), new Markup(StatusMarkup(instance.RuntimeStatus)));
        Add(grid, "Created", PayloadText.Time(instance.CreatedAt) + " UTC");
        Add(grid, "Last updated", PayloadText.Time(instance.LastUpdatedAt) + " UTC");
        if (instance.IsCompleted && instance.LastUpdatedAt is var completed)
        {
            Add(grid, "Completed", PayloadText.Time(completed) + " UTC");
        }

        if (showInput)
        {
            Add(grid, "Input", PayloadText.Summarize(instance.SerializedInput, MaxPayloadLength) ?? "(none)");
        }

        if (instance.SerializedCustomStatus is { } customStatus)
        {
            Add(grid, "Custom status", PayloadText.Summarize(customStatus, MaxPayloadLength)!);
        }

        if (instance.FailureDetails is { } failure)
        {
            Add(grid, "Failure", $"{failure.ErrorType}: {failure.ErrorMessage}");
        }
        else if (instance.RuntimeStatus == OrchestrationRuntimeStatus.Failed && instance.SerializedOutput is { } reason)
        {
            // The HTTP API reports a failure in the output field.
            Add(grid, "Failure", PayloadText.Unquote(reason, MaxPayloadLength)!);
        }
        else if (instance.SerializedOutput is { } output)
        {
            Add(grid, instance.RuntimeStatus == OrchestrationRuntimeStatus.Terminated ? "Reason" : "Output", PayloadText.Summarize(output, MaxPayloadLength)!);
        }

        return grid;
    }

    /// <summary>The status in a colour that says whether it went well.</summary>
    public static string StatusMarkup(OrchestrationRuntimeStatus status) => status.ToOrchestrationStatus() switch
    {
        OrchestrationStatus.Completed => "[green]Completed[/]",
        OrchestrationStatus.Failed => "[red]Failed[/]",
        OrchestrationStatus.Terminated or OrchestrationStatus.Canceled => $"[red]{status}[/]",
        OrchestrationStatus.Suspended => "[yellow]Suspended[/]",
        OrchestrationStatus.Pending => "[grey]Pending[/]",
        _ => $"[blue]{status}[/]",
    };

    private static void Add(Grid grid, string label, string value) =>
        grid.AddRow(new Markup($"[bold]{Markup.Escape(label)}[/]"), new Text(value));
}
