using System.CommandLine;
using System.Text.Json.Nodes;
using DurableAgents.Cli.Backends;
using DurableAgents.Cli.Output;

namespace DurableAgents.Cli.Commands;

/// <summary><c>approvals [--name approvalName]</c>: the instances waiting for a human approval, oldest wait first.</summary>
internal static class ApprovalsCommand
{
    public static Command Create(CommandActions actions)
    {
        var name = new Option<string?>("--name") { Description = "Only approvals with this name", HelpName = "approvalName" };
        var command = new Command("approvals", "List the approvals instances wait for (answer them with approve / reject)") { name };
        actions.Set(command, async (run, cancellation) =>
        {
            IReadOnlyList<PendingApproval> pending = await run.Backend.ListApprovalsAsync(run.ParseResult.GetValue(name), cancellation);
            if (run.Output.Json)
            {
                run.Output.WriteJson(new JsonArray(pending.Select(p => (JsonNode)new JsonObject
                {
                    ["instanceId"] = p.InstanceId,
                    ["orchestratorName"] = p.OrchestratorName,
                    ["runtimeStatus"] = p.RuntimeStatus.ToString(),
                    ["name"] = p.Name,
                    ["since"] = PayloadText.Iso(p.Since),
                    ["expiresAt"] = PayloadText.Iso(p.ExpiresAt),
                    ["details"] = PayloadText.ToNode(p.Details),
                }).ToArray()));
                return ExitCodes.Success;
            }

            if (pending.Count == 0)
            {
                run.Output.WriteLine("No instance is waiting for an approval.");
                return ExitCodes.Success;
            }

            run.Output.Write(ApprovalTable.Render(run.Output.Console, pending));
            run.Output.WriteLine("Answer with `durableagents approve <instance> <approval>` or `durableagents reject <instance> <approval>`.");
            return ExitCodes.Success;
        });
        return command;
    }
}
