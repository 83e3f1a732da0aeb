using System.CommandLine;
using DurableAgents.Cli.Declarative;
using DurableAgents.StepFunctions.Describing;

namespace DurableAgents.Cli.Commands;

/// <summary><c>describe &lt;name&gt;</c>: a declarative workflow as a page of text. Needs no sidecar.</summary>
internal static class DescribeCommand
{
    public static Command Create(CommandActions actions)
    {
        var name = new Argument<string>("name") { Description = "The declarative workflow" };
        var command = new Command("describe", "Show a declarative workflow's states, transitions, retries, catches and compensations (no sidecar needed)") { name };
        actions.SetLocal(command, (parseResult, output) =>
        {
            var catalog = new DeclarativeWorkflowCatalog(actions.Context.DeclarativeWorkflows);
            string text = WorkflowDescriber.Describe(catalog.Find(parseResult.GetRequiredValue(name)));
            TextWriter writer = output.Console.Profile.Out.Writer;
            writer.Write(text);
            writer.Flush();
            return ExitCodes.Success;
        });
        return command;
    }
}
