using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using DurableAgents.Cli.Errors;
using DurableAgents.Cli.Output;
using DurableAgents.Cli.Parsing;
using Microsoft.DurableTask.Client;
using Spectre.Console;

namespace DurableAgents.Cli.Commands;

/// <summary><c>start &lt;name&gt; [--input json] [--id id] [--wait [--timeout s]]</c>: schedules a new instance.</summary>
internal static class StartCommand
{
    public static Command Create(CommandActions actions)
    {
        var name = new Argument<string>("name") { Description = "The orchestrator's name" };
        Option<JsonElement?> input = CliOptions.Json("--input", "The input as JSON, or @file.json");
        Option<string?> id = CliOptions.Text("--id", "The instance id [default: a new GUID]", "id");
        IdentifierChecks.Require(name, IdentifierKind.OrchestratorName);
        IdentifierChecks.Require(id, IdentifierKind.InstanceId);
        var wait = new Option<bool>("--wait") { Description = "Wait until the instance finishes; exit code 1 unless it Completed" };
        var timeout = new Option<double?>("--timeout") { Description = "With --wait: give up after this many seconds (exit code 1)", HelpName = "seconds" };
        timeout.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is <= 0)
            {
                result.AddError("--timeout must be a positive number of seconds.");
            }
        });

        var command = new Command("start", "Start a new orchestration instance") { name, input, id, wait, timeout };
        actions.Set(command, async (run, cancellation) =>
        {
            string orchestrator = run.ParseResult.GetRequiredValue(name);
            string instanceId = await run.Backend.StartAsync(orchestrator, run.ParseResult.GetValue(input), run.ParseResult.GetValue(id), cancellation);
            // A start is accepted even when no worker runs the name (one may register it later); say so when the sidecar can tell.
            string? waitingForWorker = await run.Backend.GetWaitingForWorkerAsync(instanceId, cancellation);
            if (waitingForWorker is not null)
            {
                run.Output.WriteWarning($"{waitingForWorker}: instance {instanceId} stays Pending until a worker that registers '{orchestrator}' connects.");
            }

            if (!run.ParseResult.GetValue(wait))
            {
                if (run.Output.Json)
                {
                    var started = new JsonObject { ["instanceId"] = instanceId, ["name"] = orchestrator };
                    if (waitingForWorker is not null)
                    {
                        started["waitingForWorker"] = waitingForWorker;
                    }

                    run.Output.WriteJson(started);
                }
                else
                {
                    run.Output.WriteLine($"Started instance {instanceId} of '{orchestrator}'.");
                }

                return ExitCodes.Success;
            }

            if (!run.Output.Json)
            {
                run.Output.WriteLine($"Started instance {instanceId} of '{orchestrator}'; waiting for it to finish...");
            }

            OrchestrationMetadata finished = await WaitAsync(run, instanceId, run.ParseResult.GetValue(timeout), cancellation);
            if (run.Output.Json)
            {
                run.Output.WriteJson(InstanceJson.From(finished, includeInput: false));
            }
            else
            {
                run.Output.Write(InstanceView.Render(finished, showInput: false));
            }

            return finished.RuntimeStatus == OrchestrationRuntimeStatus.Completed ? ExitCodes.Success : ExitCodes.OperationFailed;
        });
        return command;
    }

    private static async Task<OrchestrationMetadata> WaitAsync(CommandInvocation run, string instanceId, double? timeoutSeconds, CancellationToken cancellation)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        if (timeoutSeconds is { } seconds)
        {
            deadline.CancelAfter(TimeSpan.FromSeconds(seconds));
        }

        try
        {
            if (run.Output.Json || !run.Output.Console.Profile.Capabilities.Interactive)
            {
                return await run.Backend.WaitForCompletionAsync(instanceId, deadline.Token);
            }

            return await run.Output.Console.Status().StartAsync(
                $"Waiting for {Markup.Escape(instanceId)}...", _ => run.Backend.WaitForCompletionAsync(instanceId, deadline.Token));
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellation.IsCancellationRequested)
        {
            throw new CliOperationException(
                $"Instance {instanceId} did not finish within {timeoutSeconds} s; it is still running. Follow it with `durableagents status {instanceId}`.");
        }
    }
}
