using System.CommandLine;
using System.Text.Json.Nodes;
using DurableAgents.Approvals;

namespace DurableAgents.Cli.Commands;

/// <summary>
/// The shared shape of <c>approve</c> and <c>reject</c>: &lt;id&gt; &lt;approvalName&gt; [--approver who] [--comment text],
/// answered through POST /api/approvals/{id}/{name} over HTTP or the event <c>approval:{name}</c> over gRPC.
/// </summary>
internal sealed class ApprovalAnswer
{
    private readonly Argument<string> _id = new("id") { Description = "The instance id" };
    private readonly Argument<string> _approvalName = new("approvalName") { Description = "The approval the instance waits for (see `durableagents approvals`)" };
    private readonly Option<string?> _approver = new("--approver") { Description = "Who answers, for the record", HelpName = "who" };
    private readonly Option<string?> _comment = new("--comment") { Description = "A comment for the record", HelpName = "text" };

    /// <summary>Adds the arguments and options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Add(_id);
        command.Add(_approvalName);
        command.Add(_approver);
        command.Add(_comment);
    }

    /// <summary>Sends the decision and reports it.</summary>
    public async Task<int> RunAsync(CommandInvocation run, bool approved, CancellationToken cancellation)
    {
        string instanceId = run.ParseResult.GetRequiredValue(_id);
        string name = run.ParseResult.GetRequiredValue(_approvalName);
        var decision = new ApprovalDecision(approved, run.ParseResult.GetValue(_approver), run.ParseResult.GetValue(_comment));

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
    }
}
