using System.CommandLine;

namespace DurableAgents.Cli.Commands;

/// <summary><c>suspend &lt;id&gt; [--reason text]</c>: suspend a running instance (events that arrive meanwhile are kept).</summary>
internal static class SuspendCommand
{
    public static Command Create(CommandActions actions)
    {
        var id = new Argument<string>("id") { Description = "The instance id" };
        var reason = new Option<string?>("--reason") { Description = "Why, for the record", HelpName = "text" };
        var command = new Command("suspend", "Suspend a running instance (events that arrive meanwhile are kept)") { id, reason };
        actions.Set(command, (run, cancellation) => InstanceControl.RunAsync(
            run, "suspend", run.ParseResult.GetRequiredValue(id), run.ParseResult.GetValue(reason), run.Backend.SuspendAsync, cancellation));
        return command;
    }
}
