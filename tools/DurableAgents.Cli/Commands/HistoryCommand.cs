using System.CommandLine;
using DurableAgents.Cli.Backends;
using DurableAgents.Cli.Output;

namespace DurableAgents.Cli.Commands;

/// <summary><c>history &lt;id&gt;</c>: the instance's history as a table, or exported to a golden file (<see cref="HistoryExport"/>).</summary>
internal static class HistoryCommand
{
    public static Command Create(CommandActions actions)
    {
        var id = new Argument<string>("id") { Description = "The instance id" };
        var export = new Option<string?>("--export")
        {
            Description = "Write the whole history to this file in the golden-file format (replayable in tests; '-' for standard output). Needs --sidecar",
            HelpName = "file",
        };
        var command = new Command("history", "Show an instance's history: #, time, event, name / task id, result or failure") { id, export };
        actions.Set(command, async (run, cancellation) =>
        {
            if (run.ParseResult.GetValue(export) is { } file)
            {
                return await HistoryExport.RunAsync(run, run.ParseResult.GetRequiredValue(id), file, cancellation);
            }

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
