using System.CommandLine;
using System.Text.Json.Nodes;
using DurableAgents.Cli.Backends;
using DurableAgents.Cli.Output;
using DurableAgents.Cli.Parsing;

namespace DurableAgents.Cli.Commands;

/// <summary><c>list [--status s,...] [--prefix p] [--top n] [--created-from t] [--created-to t]</c>: instances that match.</summary>
internal static class ListCommand
{
    public const int DefaultTop = 100;

    public static Command Create(CommandActions actions)
    {
        TimeProvider time = actions.Context.Time;
        Option<IReadOnlyCollection<OrchestrationStatus>?> status = CliOptions.Statuses("--status", "Only these statuses, e.g. Running,Completed");
        Option<string?> prefix = CliOptions.Text("--prefix", "Only instance ids that start with this", "prefix");
        var top = new Option<int>("--top") { Description = "At most this many instances", HelpName = "n", DefaultValueFactory = _ => DefaultTop };
        top.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--top must be at least 1.");
            }
        });
        Option<DateTimeOffset?> createdFrom = CliOptions.Time("--created-from", "Only instances created at or after this time (ISO 8601, or e.g. 2h for two hours ago)", time);
        Option<DateTimeOffset?> createdTo = CliOptions.Time("--created-to", "Only instances created at or before this time", time);

        var command = new Command("list", "List instances") { status, prefix, top, createdFrom, createdTo };
        actions.Set(command, async (run, cancellation) =>
        {
            var request = new InstanceListRequest
            {
                Statuses = run.ParseResult.GetValue(status),
                InstanceIdPrefix = run.ParseResult.GetValue(prefix),
                Top = run.ParseResult.GetValue(top),
                CreatedFrom = run.ParseResult.GetValue(createdFrom),
                CreatedTo = run.ParseResult.GetValue(createdTo),
            };
            InstanceList list = await run.Backend.ListAsync(request, cancellation);
            if (run.Output.Json)
            {
                run.Output.WriteJson(new JsonArray(list.Instances.Select(instance => (JsonNode)InstanceJson.Summary(instance)).ToArray()));
                return ExitCodes.Success;
            }

            if (list.Instances.Count == 0)
            {
                run.Output.WriteLine("No instances match.");
                return ExitCodes.Success;
            }

            run.Output.Write(InstanceTable.Render(run.Output.Console, list.Instances));
            if (list.HasMore)
            {
                run.Output.WriteLine($"Showing the first {list.Instances.Count}; more match. Pass --top to see more, or narrow with --status, --prefix or --created-from.");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
