using System.Globalization;
using System.Text.Json.Nodes;
using DurableAgents.Cli.Backends;
using Spectre.Console;

namespace DurableAgents.Cli.Output;

/// <summary>The history as a table (#, time, event, name / task, details) or as --json rows.</summary>
internal static class HistoryTable
{
    public static Table Render(IReadOnlyList<HistoryRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn(new TableColumn("#").RightAligned())
            .AddColumn(new TableColumn("Time (UTC)").NoWrap())
            .AddColumn(new TableColumn("Event").NoWrap())
            .AddColumn("Name / task")
            .AddColumn("Details");
        foreach (HistoryRow row in rows)
        {
            table.AddRow(
                new Text(row.Number.ToString(CultureInfo.InvariantCulture)),
                new Text(PayloadText.Time(row.Timestamp)),
                new Markup(EventMarkup(row.EventType)),
                new Text(NameAndTask(row)),
                new Text(row.Details ?? string.Empty));
        }

        return table;
    }

    public static JsonArray ToJson(IReadOnlyList<HistoryRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var array = new JsonArray();
        foreach (HistoryRow row in rows)
        {
            array.Add(new JsonObject
            {
                ["number"] = row.Number,
                ["timestamp"] = PayloadText.Iso(row.Timestamp),
                ["eventType"] = row.EventType,
                ["name"] = row.Name,
                ["taskId"] = row.TaskId,
                ["details"] = row.Details,
            });
        }

        return array;
    }

    /// <summary>"SayHello #2" for an activity with task id 2; the name or the task alone when only one is known.</summary>
    public static string NameAndTask(HistoryRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return (row.Name, row.TaskId) switch
        {
            (null, null) => string.Empty,
            (null, { } id) => string.Create(CultureInfo.InvariantCulture, $"#{id}"),
            ({ } name, null) => name,
            ({ } name, { } id) => string.Create(CultureInfo.InvariantCulture, $"{name} #{id}"),
        };
    }

    private static string EventMarkup(string eventType)
    {
        string escaped = Markup.Escape(eventType);
        return eventType.Contains("Failed", StringComparison.Ordinal) || eventType == "ExecutionTerminated"
            ? $"[red]{escaped}[/]"
            : eventType.StartsWith("Execution", StringComparison.Ordinal) ? $"[bold]{escaped}[/]" : escaped;
    }
}
