using System.CommandLine;

namespace DurableAgents.Cli.Commands;

/// <summary><c>terminate &lt;id&gt; [--reason text]</c>: terminate a running instance.</summary>
internal static class TerminateCommand
{
    public static Command Create(CommandActions actions)
    {
        var id = new Argument<string>("id") { Description = "The instance id" };
        var reason = new Option<string?>("--reason") { Description = "Why, for the record", HelpName = "text" };
        var command = new Command("terminate", "Terminate a running instance") { id, reason };
        actions.Set(command, (run, cancellation) => InstanceControl.RunAsync(
            run, "terminate", run.ParseResult.GetRequiredValue(id), run.ParseResult.GetValue(reason), run.Backend.TerminateAsync, cancellation));
        return command;
    }
}
