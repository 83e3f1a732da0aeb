using System.Text.Json;
using Microsoft.DurableTask;

namespace DurableAgents.Approvals;

/// <summary>Human approval for orchestrator code: wait for a person's answer with a durable timeout.</summary>
public static class ApprovalContextExtensions
{
    /// <summary>The prefix of the external event that answers an approval: the event name is <c>approval:{name}</c>.</summary>
    public const string EventNamePrefix = "approval:";

    /// <summary>The longest approval name accepted (the event name adds the prefix).</summary>
    public const int MaxNameLength = 100;

    /// <summary>The external event name that answers the approval called <paramref name="approvalName"/>.</summary>
    public static string GetEventName(string approvalName)
    {
        ValidateName(approvalName);
        return EventNamePrefix + approvalName;
    }

    /// <summary>
    /// Waits for a person to approve or reject, at most <paramref name="timeout"/> of orchestration time. While it
    /// waits, the instance's custom status is <c>{"waitingForApproval":{"name","since","expiresAt","details"}}</c> so
    /// that the management API can list it; afterwards it is <c>{"approvalDecided":{...}}</c>. The answer is the
    /// external event <c>approval:{name}</c> with an <see cref="ApprovalDecision"/> payload; payloads that are not a
    /// decision are ignored and the wait goes on. A later <see cref="TaskOrchestrationContext.SetCustomStatus"/> by
    /// the orchestrator replaces the published status. Deterministic: the timeout is a durable timer and all times
    /// are <see cref="TaskOrchestrationContext.CurrentUtcDateTime"/>.
    /// </summary>
    /// <param name="context">The orchestration context.</param>
    /// <param name="name">The approval's name (1-100 characters; no control characters, '/', '\', '#' or '?').</param>
    /// <param name="timeout">How long to wait before the outcome is <see cref="ApprovalOutcome.TimedOut"/>.</param>
    /// <param name="details">What the approver should see (JSON-serialisable), published with the wait.</param>
    public static async Task<ApprovalResult> WaitForApprovalAsync(
        this TaskOrchestrationContext context, string name, TimeSpan timeout, object? details = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        string eventName = GetEventName(name);
        DateTime since = context.CurrentUtcDateTime;
        if (timeout <= TimeSpan.Zero || timeout > DateTime.MaxValue - since)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The approval timeout must be positive and end before DateTime.MaxValue.");
        }

        DateTime expiresAt = since + timeout;
        context.SetCustomStatus(new ApprovalCustomStatus { WaitingForApproval = new ApprovalWait(name, since, expiresAt, details) });

        ApprovalResult result = await WaitForDecisionAsync(context, eventName, expiresAt);
        context.SetCustomStatus(new ApprovalCustomStatus
        {
            ApprovalDecided = new ApprovalDecided(name, since, result.Outcome, result.Approver, result.Comment, result.DecidedAt),
        });
        return result;
    }

    private static async Task<ApprovalResult> WaitForDecisionAsync(TaskOrchestrationContext context, string eventName, DateTime expiresAt)
    {
        using var timerCancellation = new CancellationTokenSource();
        Task timeoutTask = context.CreateTimer(expiresAt, timerCancellation.Token);
        while (true)
        {
            using var eventCancellation = new CancellationTokenSource();
            Task<JsonElement> answerTask = context.WaitForExternalEvent<JsonElement>(eventName, eventCancellation.Token);
            Task winner = await Task.WhenAny(answerTask, timeoutTask);
            // Cancel synchronously: CancelAsync would run the callbacks on the thread pool, outside the
            // orchestration's single-threaded scheduler, and make replay nondeterministic.
            if (winner == timeoutTask)
            {
#pragma warning disable CA1849 // See above: the synchronous call is the deterministic one.
                eventCancellation.Cancel();
#pragma warning restore CA1849
                return new ApprovalResult(ApprovalOutcome.TimedOut, null, null, context.CurrentUtcDateTime);
            }

            // Only a well-formed decision ends the wait, so a stray event with the same name cannot approve by accident.
            if (ApprovalDecision.TryRead(await answerTask, out ApprovalDecision? decision))
            {
#pragma warning disable CA1849 // Synchronous for the same reason as above.
                timerCancellation.Cancel();
#pragma warning restore CA1849
                ApprovalOutcome outcome = decision.Approved ? ApprovalOutcome.Approved : ApprovalOutcome.Rejected;
                return new ApprovalResult(outcome, decision.Approver, decision.Comment, context.CurrentUtcDateTime);
            }
        }
    }

    private static void ValidateName(string approvalName)
    {
        ArgumentException.ThrowIfNullOrEmpty(approvalName);
        if (approvalName.Length > MaxNameLength)
        {
            throw new ArgumentException($"The approval name is {approvalName.Length} characters long; at most {MaxNameLength} are allowed.", nameof(approvalName));
        }

        foreach (char c in approvalName)
        {
            if (char.IsControl(c) || c is '/' or '\\' or '#' or '?')
            {
                throw new ArgumentException(
                    $"The approval name '{approvalName}' contains '{(char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString())}'; control characters, '/', '\\', '#' and '?' are not allowed because the name travels in URLs.",
                    nameof(approvalName));
            }
        }
    }
}
