using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using DurableAgents.Cli.Parsing;

namespace DurableAgents.Cli.Commands;

/// <summary><c>raise &lt;id&gt; &lt;event&gt; [--data json]</c>: delivers an external event.</summary>
internal static class RaiseCommand
{
    public static Command Create(CommandActions actions)
    {
        var id = new Argument<string>("id") { Description = "The instance id" };
        var eventName = new Argument<string>("event") { Description = "The event name the orchestration waits for" };
        IdentifierChecks.Require(eventName, IdentifierKind.EventName);
        Option<JsonElement?> data = CliOptions.Json("--data", "The event's payload as JSON, or @file.json");
        var command = new Command("raise", "Raise an external event on an instance") { id, eventName, data };
        actions.Set(command, async (run, cancellation) =>
        {
            string instanceId = run.ParseResult.GetRequiredValue(id);
            string name = run.ParseResult.GetRequiredValue(eventName);
            await run.Backend.RaiseEventAsync(instanceId, name, run.ParseResult.GetValue(data), cancellation);
            if (run.Output.Json)
            {
                run.Output.WriteJson(new JsonObject { ["instanceId"] = instanceId, ["event"] = name, ["raised"] = true });
            }
            else
            {
                run.Output.WriteLine($"Raised event '{name}' on instance {instanceId}.");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
