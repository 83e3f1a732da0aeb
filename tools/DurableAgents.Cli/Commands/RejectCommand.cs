using System.CommandLine;

namespace DurableAgents.Cli.Commands;

/// <summary><c>reject &lt;id&gt; &lt;approvalName&gt; [--approver who] [--comment text]</c>: rejects a human approval an instance waits for.</summary>
internal static class RejectCommand
{
    public static Command Create(CommandActions actions)
    {
        var answer = new ApprovalAnswer();
        var command = new Command("reject", "Reject an approval an instance waits for");
        answer.AddTo(command);
        actions.Set(command, (run, cancellation) => answer.RunAsync(run, approved: false, cancellation));
        return command;
    }
}
