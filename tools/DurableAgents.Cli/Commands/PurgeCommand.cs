using System.CommandLine;
using System.Text.Json.Nodes;
using DurableAgents.Cli.Errors;
using DurableAgents.Cli.Parsing;
using Microsoft.DurableTask.Client;

namespace DurableAgents.Cli.Commands;

/// <summary>
/// <c>purge &lt;id&gt;</c> or <c>purge --created-from t [--created-to t] [--status s,...]</c>: deletes finished
/// instances and their history.
/// </summary>
internal static class PurgeCommand
{
    public static Command Create(CommandActions actions)
    {
        TimeProvider time = actions.Context.Time;
        var id = new Argument<string?>("id") { Description = "The instance to delete (or use --created-from)", Arity = ArgumentArity.ZeroOrOne };
        Option<DateTimeOffset?> createdFrom = CliOptions.Time("--created-from", "Delete finished instances created at or after this time (ISO 8601, or e.g. 7d for seven days ago)", time);
        Option<DateTimeOffset?> createdTo = CliOptions.Time("--created-to", "... and at or before this time", time);
        Option<IReadOnlyCollection<OrchestrationStatus>?> status = CliOptions.Statuses(
            "--status", "... and only in these final statuses, e.g. Completed,Failed [default: all final statuses]", terminalOnly: true);
        var command = new Command("purge", "Delete a finished instance, or all finished instances created in a time range") { id, createdFrom, createdTo, status };
        command.Validators.Add(result =>
        {
            bool byId = result.GetValue(id) is not null;
            bool byFilter = result.GetResult(createdFrom) is not null;
            bool filterOnly = result.GetResult(createdTo) is not null || result.GetResult(status) is not null;
            if (byId && (byFilter || filterOnly))
            {
                result.AddError("Pass either an instance id or --created-from (with --created-to / --status), not both.");
            }
            else if (!byId && !byFilter)
            {
                result.AddError(filterOnly
                    ? "--created-to and --status need --created-from, e.g. purge --created-from 7d --status Completed."
                    : "Pass the instance id to purge, or --created-from to purge a time range, e.g. purge --created-from 7d.");
            }
        });

        actions.Set(command, async (run, cancellation) =>
        {
            int purged;
            if (run.ParseResult.GetValue(id) is { } instanceId)
            {
                purged = await run.Backend.PurgeInstanceAsync(instanceId, cancellation);
                if (purged == 0)
                {
                    // The sidecar answers an unknown id with zero deleted; for one named instance that is "not found".
                    throw new InstanceNotFoundException(instanceId);
                }
            }
            else
            {
                var filter = new PurgeInstancesFilter(
                    run.ParseResult.GetValue(createdFrom) ?? throw new CliUsageException("--created-from is required."),
                    run.ParseResult.GetValue(createdTo),
                    run.ParseResult.GetValue(status)?.Select(s => s.ToRuntimeStatus()).ToArray());
                purged = await run.Backend.PurgeInstancesAsync(filter, cancellation);
            }

            if (run.Output.Json)
            {
                run.Output.WriteJson(new JsonObject { ["purged"] = purged });
            }
            else
            {
                run.Output.WriteLine(purged == 1 ? "Purged 1 instance." : $"Purged {purged} instances.");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
