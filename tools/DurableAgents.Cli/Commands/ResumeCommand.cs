using System.CommandLine;

namespace DurableAgents.Cli.Commands;

/// <summary><c>resume &lt;id&gt; [--reason text]</c>: resume a suspended instance.</summary>
internal static class ResumeCommand
{
    public static Command Create(CommandActions actions)
    {
        var id = new Argument<string>("id") { Description = "The instance id" };
        var reason = new Option<string?>("--reason") { Description = "Why, for the record", HelpName = "text" };
        var command = new Command("resume", "Resume a suspended instance") { id, reason };
        actions.Set(command, (run, cancellation) => InstanceControl.RunAsync(
            run, "resume", run.ParseResult.GetRequiredValue(id), run.ParseResult.GetValue(reason), run.Backend.ResumeAsync, cancellation));
        return command;
    }
}
