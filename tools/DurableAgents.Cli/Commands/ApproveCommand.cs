using System.CommandLine;
using System.Text.Json.Nodes;
using DurableAgents.Approvals;

namespace DurableAgents.Cli.Commands;

/// <summary>
/// <c>approve &lt;id&gt; &lt;approvalName&gt; [--reject] [--approver who] [--comment text]</c>: answers a human approval
/// (POST /api/approvals/{id}/{name} over HTTP; the event <c>approval:{name}</c> over gRPC).
/// </summary>
internal static class ApproveCommand
{
    public static Command Create(CommandActions actions)
    {
        var id = new Argument<string>("id") { Description = "The instance id" };
        var approvalName = new Argument<string>("approvalName") { Description = "The approval the instance waits for" };
        var reject = new Option<bool>("--reject") { Description = "Reject instead of approve" };
        var approver = new Option<string?>("--approver") { Description = "Who answers", HelpName = "who" };
        var comment = new Option<string?>("--comment") { Description = "A comment for the record", HelpName = "text" };
        var command = new Command("approve", "Approve (or with --reject, reject) an approval an instance waits for")
        {
            id, approvalName, reject, approver, comment,
        };
        actions.Set(command, async (run, cancellation) =>
        {
            string instanceId = run.ParseResult.GetRequiredValue(id);
            string name = run.ParseResult.GetRequiredValue(approvalName);
            var decision = new ApprovalDecision(!run.ParseResult.GetValue(reject), run.ParseResult.GetValue(approver), run.ParseResult.GetValue(comment));

            // Checks the name (length, characters) before anything is sent; a bad name is a usage error.
            ApprovalContextExtensions.GetEventName(name);
            await run.Backend.ApproveAsync(instanceId, name, decision, cancellation);
            if (run.Output.Json)
            {
                run.Output.WriteJson(new JsonObject
                {
                    ["instanceId"] = instanceId,
                    ["approval"] = name,
                    ["approved"] = decision.Approved,
                    ["approver"] = decision.Approver,
                    ["comment"] = decision.Comment,
                });
            }
            else
            {
                string by = decision.Approver is null ? string.Empty : $" as {decision.Approver}";
                run.Output.WriteLine($"{(decision.Approved ? "Approved" : "Rejected")} '{name}' of instance {instanceId}{by}.");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
