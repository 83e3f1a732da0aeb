using DurableAgents.Cli;
using Spectre.Console;

// Results go to standard output, errors to standard error, so `--json` output can be piped.
IAnsiConsole error = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C cancels the running call (e.g. a --wait) cleanly; a second one ends the process.
    if (!cancellation.IsCancellationRequested)
    {
        e.Cancel = true;
        cancellation.Cancel();
    }
};

return await CliApp.RunAsync(args, new CliContext(AnsiConsole.Console, error), cancellation.Token);
