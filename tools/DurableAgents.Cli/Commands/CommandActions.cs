using System.CommandLine;
using DurableAgents.Cli.Backends;
using DurableAgents.Cli.Errors;
using DurableAgents.Cli.Output;

namespace DurableAgents.Cli.Commands;

/// <summary>Gives every command the same frame: resolve and open the backend, run, and turn failures into an exit code.</summary>
internal sealed class CommandActions
{
    private readonly CliContext _context;
    private readonly GlobalOptions _globals;

    public CommandActions(CliContext context, GlobalOptions globals)
    {
        _context = context;
        _globals = globals;
    }

    public CliContext Context => _context;

    public void Set(Command command, Func<CommandInvocation, CancellationToken, Task<int>> action)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.SetAction((parseResult, cancellation) => RunAsync(parseResult, action, cancellation));
    }

    /// <summary>Sets the action of a command that works on local files only: no backend is resolved or opened.</summary>
    public void SetLocal(Command command, Func<ParseResult, CliOutput, int> action)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.SetAction(parseResult =>
        {
            var output = new CliOutput(_context, parseResult.GetValue(_globals.Json));
            try
            {
                return action(parseResult, output);
            }
#pragma warning disable CA1031 // As for the backend commands: every failure becomes a message and an exit code.
            catch (Exception error)
#pragma warning restore CA1031
            {
                return ErrorReporter.Report(error, output, settings: null);
            }
        });
    }

    private async Task<int> RunAsync(ParseResult parseResult, Func<CommandInvocation, CancellationToken, Task<int>> action, CancellationToken cancellation)
    {
        var output = new CliOutput(_context, parseResult.GetValue(_globals.Json));
        BackendSettings? settings = null;
        try
        {
            settings = _globals.ResolveBackend(parseResult, _context.Environment);
            await using ICliBackend backend = _context.BackendFactory(settings, _context.Time);
            return await action(new CommandInvocation(parseResult, backend, output, _context.Time), cancellation);
        }
#pragma warning disable CA1031 // The command line's last line of defence: every failure becomes a message and an exit code.
        catch (Exception error)
#pragma warning restore CA1031
        {
            return ErrorReporter.Report(error, output, settings);
        }
    }
}
