using System.CommandLine;
using System.Text.Json.Nodes;

namespace DurableAgents.Cli.Commands;

/// <summary>
/// <c>restart &lt;id&gt; [--same-id]</c>: starts an instance again with its original input, under a new id (the old
/// instance and its history stay) or, with --same-id, replacing a finished instance.
/// </summary>
internal static class RestartCommand
{
    public static Command Create(CommandActions actions)
    {
        var id = new Argument<string>("id") { Description = "The instance to start again" };
        var sameId = new Option<bool>("--same-id") { Description = "Reuse the instance id (the instance must have finished; its history is replaced)" };
        var command = new Command("restart", "Start an instance again with its original input, under a new id unless --same-id") { id, sameId };
        actions.Set(command, async (run, cancellation) =>
        {
            string instanceId = run.ParseResult.GetRequiredValue(id);
            bool newId = !run.ParseResult.GetValue(sameId);
            string restarted = await run.Backend.RestartAsync(instanceId, newId, cancellation);
            if (run.Output.Json)
            {
                run.Output.WriteJson(new JsonObject { ["instanceId"] = instanceId, ["restartedInstanceId"] = restarted });
            }
            else
            {
                run.Output.WriteLine(newId
                    ? $"Restarted instance {instanceId} as {restarted}; follow it with `durableagents status {restarted}`."
                    : $"Restarted instance {instanceId} under the same id; follow it with `durableagents status {instanceId}`.");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
