using System.CommandLine;
using DurableAgents.Cli.Backends;
using DurableAgents.Cli.Output;

namespace DurableAgents.Cli.Commands;

/// <summary><c>history &lt;id&gt;</c>: the instance's history as a table.</summary>
internal static class HistoryCommand
{
    public static Command Create(CommandActions actions)
    {
        var id = new Argument<string>("id") { Description = "The instance id" };
        var command = new Command("history", "Show an instance's history: #, time, event, name / task id, result or failure") { id };
        actions.Set(command, async (run, cancellation) =>
        {
            IReadOnlyList<HistoryRow> rows = await run.Backend.GetHistoryAsync(run.ParseResult.GetRequiredValue(id), cancellation);
            if (run.Output.Json)
            {
                run.Output.WriteJson(HistoryTable.ToJson(rows));
            }
            else if (rows.Count == 0)
            {
                run.Output.WriteLine("The history is empty (the instance has not started yet).");
            }
            else
            {
                run.Output.Write(HistoryTable.Render(rows));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
