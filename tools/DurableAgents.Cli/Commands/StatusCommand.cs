using System.CommandLine;
using DurableAgents.Cli.Backends;
using DurableAgents.Cli.Output;
using Microsoft.DurableTask.Client;
using Spectre.Console;

namespace DurableAgents.Cli.Commands;

/// <summary><c>status &lt;id&gt; [--show-input] [--show-history]</c>: one instance's state.</summary>
internal static class StatusCommand
{
    public static Command Create(CommandActions actions)
    {
        var id = new Argument<string>("id") { Description = "The instance id" };
        var showInput = new Option<bool>("--show-input") { Description = "Also show the input" };
        var showHistory = new Option<bool>("--show-history") { Description = "Also show the history" };
        var command = new Command("status", "Show an instance's status") { id, showInput, showHistory };
        actions.Set(command, async (run, cancellation) =>
        {
            string instanceId = run.ParseResult.GetRequiredValue(id);
            bool withInput = run.ParseResult.GetValue(showInput);
            OrchestrationMetadata instance = await run.Backend.GetInstanceAsync(instanceId, cancellation)
                ?? throw new InstanceNotFoundException(instanceId);
            IReadOnlyList<HistoryRow>? history = run.ParseResult.GetValue(showHistory)
                ? await run.Backend.GetHistoryAsync(instanceId, cancellation)
                : null;

            if (run.Output.Json)
            {
                var json = InstanceJson.From(instance, withInput);
                if (history is not null)
                {
                    json["history"] = HistoryTable.ToJson(history);
                }

                run.Output.WriteJson(json);
                return ExitCodes.Success;
            }

            run.Output.Write(InstanceView.Render(instance, withInput));
            if (history is not null)
            {
                run.Output.Console.WriteLine();
                run.Output.Write(HistoryTable.Render(history));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
