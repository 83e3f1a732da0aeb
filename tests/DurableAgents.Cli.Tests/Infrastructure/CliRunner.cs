using Spectre.Console;

namespace DurableAgents.Cli.Tests.Infrastructure;

/// <summary>Runs <see cref="CliApp"/> in this process with captured output and error consoles and an empty environment.</summary>
internal static class CliRunner
{
    /// <summary>Wide enough that table cells in the tests are not wrapped.</summary>
    public const int ConsoleWidth = 300;

    public static async Task<CliResult> RunAsync(params string[] args) => await RunAsync(args, new Dictionary<string, string>());

    public static async Task<CliResult> RunAsync(string[] args, IReadOnlyDictionary<string, string> environment, int width = ConsoleWidth)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var context = new CliContext(CreateConsole(output, width), CreateConsole(error, width))
        {
            // The machine's own DURABLEAGENTS_* variables must not leak into tests.
            Environment = name => environment.GetValueOrDefault(name),
        };
        int exitCode = await CliApp.RunAsync(args, context, Deadline.Token());
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    private static IAnsiConsole CreateConsole(TextWriter writer, int width)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        console.Profile.Width = width;
        return console;
    }
}
