using DurableAgents.Approvals;
using Microsoft.DurableTask;

namespace DurableAgents.Replay.Tests.Readme;

[DurableTask("PublishArticle")]
public sealed class PublishArticle : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string topic)
    {
        var retry = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(5), backoffCoefficient: 2));
        string[] drafts = await Task.WhenAll(
            context.CallActivityAsync<string>("Draft", $"{topic} (short)", retry),
            context.CallActivityAsync<string>("Draft", $"{topic} (long)", retry));

        ApprovalResult approval = await context.WaitForApprovalAsync("publish", TimeSpan.FromDays(3), drafts);
        if (!approval.IsApproved)
        {
            return $"not published: {approval.Outcome} by {approval.Approver}";
        }

        string url = await context.CallActivityAsync<string>("Publish", drafts[0]);
        return $"published at {url}";
    }
}
