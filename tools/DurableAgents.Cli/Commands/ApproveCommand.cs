using System.CommandLine;

namespace DurableAgents.Cli.Commands;

/// <summary>
/// <c>approve &lt;id&gt; &lt;approvalName&gt; [--approver who] [--comment text]</c>: approves a human approval an instance
/// waits for. <c>--reject</c> rejects instead (kept for scripts written before <see cref="RejectCommand"/>).
/// </summary>
internal static class ApproveCommand
{
    public static Command Create(CommandActions actions)
    {
        var answer = new ApprovalAnswer();
        var reject = new Option<bool>("--reject") { Description = "Reject instead of approve (same as `durableagents reject`)" };
        var command = new Command("approve", "Approve an approval an instance waits for");
        answer.AddTo(command);
        command.Add(reject);
        actions.Set(command, (run, cancellation) => answer.RunAsync(run, approved: !run.ParseResult.GetValue(reject), cancellation));
        return command;
    }
}
