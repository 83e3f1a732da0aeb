using Spectre.Console;
using Spectre.Console.Rendering;

namespace DurableAgents.Cli.Output;

/// <summary>
/// A table that fits the console's width by leaving out its least important columns, instead of letting Spectre squeeze
/// a column it may wrap (such as the orchestrator's name) down to nothing.
/// </summary>
internal static class FittingTable
{
    // Wide enough that measuring gives each column its natural width.
    private const int Unbounded = 100_000;

    public static Table Build<T>(IAnsiConsole console, IReadOnlyList<FittingColumn<T>> columns, IReadOnlyList<T> rows)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(rows);
        var shown = columns.ToList();
        RenderOptions options = RenderOptions.Create(console, console.Profile.Capabilities);
        while (true)
        {
            Table table = Create(shown, rows);
            FittingColumn<T>? leastImportant = shown.Where(c => c.DropOrder > 0).MaxBy(c => c.DropOrder);
            if (leastImportant is null || ((IRenderable)table).Measure(options, Unbounded).Max <= console.Profile.Width)
            {
                return table;
            }

            shown.Remove(leastImportant);
        }
    }

    private static Table Create<T>(IReadOnlyList<FittingColumn<T>> columns, IReadOnlyList<T> rows)
    {
        var table = new Table().Border(TableBorder.Rounded);
        foreach (FittingColumn<T> column in columns)
        {
            var tableColumn = new TableColumn(column.Header);
            table.AddColumn(column.NoWrap ? tableColumn.NoWrap() : tableColumn);
        }

        foreach (T row in rows)
        {
            table.AddRow(columns.Select(column => column.Cell(row)));
        }

        return table;
    }
}
