using Spectre.Console;

namespace DurableAgents.Cli.Output;

/// <summary>
/// The consoles the program writes to. Colours and other escape codes only reach a terminal: output redirected to a
/// pipe or a file is plain text with lines as long as they need to be, and NO_COLOR (https://no-color.org) turns
/// them off in a terminal too.
/// </summary>
internal static class CliConsole
{
    /// <summary>The variable that asks for no colours, when set to anything but the empty string.</summary>
    public const string NoColorVariable = "NO_COLOR";

    /// <summary>Line width for redirected output: wide enough that tables are never wrapped for grep, cut or a file.</summary>
    public const int RedirectedWidth = 4096;

    /// <summary>A console over <paramref name="writer"/>; <paramref name="redirected"/> says it is not a terminal.</summary>
    public static IAnsiConsole Create(TextWriter writer, bool redirected, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        bool plain = redirected || !string.IsNullOrEmpty(environment(NoColorVariable));
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(writer),
            Ansi = plain ? AnsiSupport.No : AnsiSupport.Detect,
            ColorSystem = plain ? ColorSystemSupport.NoColors : ColorSystemSupport.Detect,
            Interactive = redirected ? InteractionSupport.No : InteractionSupport.Detect,
        });
        if (redirected)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
