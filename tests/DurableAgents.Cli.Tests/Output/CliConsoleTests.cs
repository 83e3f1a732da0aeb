using DurableAgents.Cli.Output;
using Microsoft.DurableTask.Client;
using Spectre.Console;

namespace DurableAgents.Cli.Tests.Output;

/// <summary>Escape codes reach only a terminal, and not even that with NO_COLOR set.</summary>
public sealed class CliConsoleTests
{
    [Fact]
    public void Create_NoColorSetInTerminal_WritesMarkupAsPlainText()
    {
        using var writer = new StringWriter();
        IAnsiConsole console = CliConsole.Create(writer, redirected: false, name => name == CliConsole.NoColorVariable ? "1" : null);

        console.Write(new Markup("[red]Failed[/] [bold]now[/]"));

        Assert.Equal("Failed now", writer.ToString());
    }

    [Fact]
    public void Create_Redirected_WritesPlainTextWithoutWrappingLongLines()
    {
        using var writer = new StringWriter();
        IAnsiConsole console = CliConsole.Create(writer, redirected: true, _ => null);
        string longId = new('x', 200);

        console.Write(new Table().AddColumn("Instance").AddColumn("Status").AddRow(new Text(longId), new Markup("[green]Completed[/]")));

        Assert.DoesNotContain('\u001b', writer.ToString());
        Assert.Contains(writer.ToString().Split('\n'), line => line.Contains(longId, StringComparison.Ordinal) && line.Contains("Completed", StringComparison.Ordinal));
    }

    [Fact]
    public void Create_Redirected_InstanceViewLinesAreNotPaddedToTheWidth()
    {
        using var writer = new StringWriter();
        IAnsiConsole console = CliConsole.Create(writer, redirected: true, _ => null);
        var instance = new OrchestrationMetadata("Hello", "hello-1")
        {
            RuntimeStatus = OrchestrationRuntimeStatus.Completed,
            SerializedOutput = "\"Hello, ana!\"",
        };

        console.Write(InstanceView.Render(instance, showInput: false));

        string[] lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, line => line.StartsWith("Output", StringComparison.Ordinal) && line.TrimEnd().EndsWith("\"Hello, ana!\"", StringComparison.Ordinal));
        Assert.All(lines, line => Assert.True(line.TrimEnd('\r').Length < 100, $"{line.Length} characters: '{line}'"));
    }
}
