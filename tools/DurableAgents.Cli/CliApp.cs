using System.CommandLine;
using System.CommandLine.Parsing;
using DurableAgents.Cli.Commands;
using DurableAgents.Cli.Output;
using Spectre.Console;

namespace DurableAgents.Cli;

/// <summary>The <c>durableagents</c> command line: builds the commands, parses, runs, and returns the exit code.</summary>
internal static class CliApp
{
    /// <summary>Runs the command line against real consoles and the process environment.</summary>
    public static Task<int> RunAsync(string[] args, IAnsiConsole console, CancellationToken cancellation = default) =>
        RunAsync(args, new CliContext(console), cancellation);

    /// <summary>Runs the command line with everything it touches given by <paramref name="context"/>.</summary>
    public static async Task<int> RunAsync(string[] args, CliContext context, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(context);
        var globals = new GlobalOptions();
        RootCommand root = BuildRootCommand(context, globals);
        if (args.Length == 0)
        {
            // No command at all: show what there is, but still tell scripts that nothing was done.
            await root.Parse(["--help"]).InvokeAsync(Invocation(context), cancellation);
            return ExitCodes.UsageError;
        }

        // "@file" means a JSON file for --input and --data, not a response file of more arguments.
        ParseResult parseResult = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parseResult.Errors.Count > 0)
        {
            return ReportUsageErrors(parseResult, context, globals);
        }

        return await parseResult.InvokeAsync(Invocation(context), cancellation);
    }

    public static RootCommand BuildRootCommand(CliContext context, GlobalOptions globals)
    {
        ArgumentNullException.ThrowIfNull(globals);
        var actions = new CommandActions(context, globals);
        var root = new RootCommand("Start, inspect and manage DurableAgents orchestrations through a sidecar (gRPC) or its HTTP API.")
        {
            StartCommand.Create(actions),
            StatusCommand.Create(actions),
            ListCommand.Create(actions),
            HistoryCommand.Create(actions),
            RaiseCommand.Create(actions),
            ApprovalsCommand.Create(actions),
            ApproveCommand.Create(actions),
            RejectCommand.Create(actions),
            TerminateCommand.Create(actions),
            SuspendCommand.Create(actions),
            ResumeCommand.Create(actions),
            RestartCommand.Create(actions),
            PurgeCommand.Create(actions),
            ExportAslCommand.Create(actions),
            DescribeCommand.Create(actions),
        };
        globals.AddTo(root);
        return root;
    }

    private static InvocationConfiguration Invocation(CliContext context) => new()
    {
        Output = context.Output.Profile.Out.Writer,
        Error = context.Error.Profile.Out.Writer,
        // CommandActions turns every failure into a message and an exit code itself.
        EnableDefaultExceptionHandler = false,
    };

    private static int ReportUsageErrors(ParseResult parseResult, CliContext context, GlobalOptions globals)
    {
        var output = new CliOutput(context, JsonRequested(parseResult, globals));
        string command = parseResult.CommandResult.Command is RootCommand ? string.Empty : parseResult.CommandResult.Command.Name + " ";
        string message = string.Join(Environment.NewLine, parseResult.Errors.Select(error => error.Message).Distinct());
        if (!output.Json)
        {
            message += $"{Environment.NewLine}Run 'durableagents {command}--help' for usage.";
        }

        output.WriteError(message, ExitCodes.UsageError);
        return ExitCodes.UsageError;
    }

    private static bool JsonRequested(ParseResult parseResult, GlobalOptions globals)
    {
        try
        {
            return parseResult.GetValue(globals.Json);
        }
        catch (InvalidOperationException)
        {
            // A parse with errors may not be able to give values; the error is then reported as text.
            return false;
        }
    }
}
