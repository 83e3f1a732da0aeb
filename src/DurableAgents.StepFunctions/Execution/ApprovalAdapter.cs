using System.Text.Json.Nodes;
using DurableAgents.Approvals;
using Microsoft.DurableTask;

namespace DurableAgents.StepFunctions.Execution;

/// <summary>
/// The one place Approval states meet the approvals helper of C# orchestrators, so that a declarative approval is listed
/// and answered exactly like a C# one (custom status, event <c>approval:{name}</c>, /api/approvals).
/// </summary>
internal static class ApprovalAdapter
{
    /// <summary>Waits for the approval; returns the outcome (Approved, Rejected, TimedOut) and the result object.</summary>
    public static async Task<(string Outcome, JsonObject Result)> WaitAsync(
        TaskOrchestrationContext context, string approvalName, TimeSpan timeout, JsonNode? details)
    {
        ApprovalResult result = await context.WaitForApprovalAsync(approvalName, timeout, details);
        string outcome = result.Outcome.ToString();
        return (outcome, new JsonObject
        {
            ["outcome"] = outcome,
            ["approver"] = result.Approver,
            ["comment"] = result.Comment,
            ["decidedAt"] = DataFlow.ContextObject.FormatTime(result.DecidedAt),
        });
    }
}
