using DurableAgents.Cli;
using DurableAgents.Cli.Output;
using Spectre.Console;

// Results go to standard output, errors to standard error, so `--json` output can be piped. Escape codes go only to a
// terminal, and not even there with NO_COLOR set.
IAnsiConsole output = CliConsole.Create(Console.Out, Console.IsOutputRedirected, Environment.GetEnvironmentVariable);
IAnsiConsole error = CliConsole.Create(Console.Error, Console.IsErrorRedirected, Environment.GetEnvironmentVariable);
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

return await CliApp.RunAsync(args, new CliContext(output, error), cancellation.Token);
