using System.Text.Json.Nodes;

namespace DurableAgents.StepFunctions.Export;

/// <summary>
/// Writes an Approval state as three ASL states that together do what the interpreter does:
/// <list type="number">
/// <item>a Task (the state's own name) on <c>arn:aws:states:::lambda:invoke.waitForTaskToken</c> that hands the
/// function <c>${ApprovalFunctionArn}</c> the task token, the approval name and the details, and waits for
/// <c>SendTaskSuccess</c> with <c>{"outcome","approver","comment","decidedAt"}</c>; its TimeoutSeconds is the approval's
/// timeout and its result goes to the approval's ResultPath;</item>
/// <item>a Choice "<c>&lt;name&gt; decision</c>" on the outcome that goes to the approved, rejected or timed-out state
/// and applies the approval's OutputPath;</item>
/// <item>a Pass "<c>&lt;name&gt; timed out</c>", reached by a Catch on States.Timeout, that places the result the
/// interpreter gives a time-out (<c>{"outcome":"TimedOut","approver":null,"comment":null,"decidedAt"}</c>, the time
/// being the moment the Pass is entered) at the same ResultPath.</item>
/// </list>
/// </summary>
internal static class ApprovalExport
{
    /// <summary>The substitution variable of the function that publishes an approval and later answers its task token.</summary>
    public const string FunctionVariable = "ApprovalFunctionArn";

    /// <summary>Lambda's optimized integration in its callback form: the result is what SendTaskSuccess sends.</summary>
    public const string WaitForTaskTokenResource = "arn:aws:states:::lambda:invoke.waitForTaskToken";

    /// <summary>The name of the Choice that follows the approval's Task.</summary>
    public static string DecisionName(string stateName) => $"{stateName} decision";

    /// <summary>The name of the Pass reached when the approval times out.</summary>
    public static string TimedOutName(string stateName) => $"{stateName} timed out";

    /// <summary>The ASL states of <paramref name="approval"/>, in the order they are written.</summary>
    /// <exception cref="NotSupportedException">The approval discards its result (ResultPath null).</exception>
    public static IEnumerable<(string Name, JsonObject State)> Write(ApprovalState approval)
    {
        if (approval.ResultPath is not { } resultPath)
        {
            // The Choice reads the outcome from the data; with the result discarded there is nothing to read.
            throw new NotSupportedException(
                $"The Approval state '{approval.Name}' has ResultPath null, which the ASL export cannot write: the exported Choice reads the outcome from the result. Give it a ResultPath such as \"$.approval\".");
        }

        var payload = new JsonObject
        {
            ["TaskToken.$"] = "$$.Task.Token",
            ["ApprovalName"] = approval.ApprovalName,
        };
        if (approval.DetailsPath is { } details)
        {
            payload["Details.$"] = details;
        }
        else
        {
            payload["Details"] = null;
        }

        payload["ExecutionId.$"] = "$$.Execution.Id";
        var task = new JsonObject { ["Type"] = "Task" };
        if (approval.Comment is { } comment)
        {
            task["Comment"] = comment;
        }

        task["Resource"] = WaitForTaskTokenResource;
        task["TimeoutSeconds"] = approval.TimeoutSeconds;
        if (approval.InputPath != "$")
        {
            // The interpreter reads the details from the InputPath-filtered input; Parameters do the same here.
            task["InputPath"] = approval.InputPath;
        }

        task["Parameters"] = new JsonObject { ["FunctionName"] = $"${{{FunctionVariable}}}", ["Payload"] = payload };
        if (resultPath != "$")
        {
            task["ResultPath"] = resultPath;
        }

        task["Catch"] = new JsonArray(new JsonObject
        {
            ["ErrorEquals"] = new JsonArray("States.Timeout"),
            // The time-out's error object is not part of the result; the Pass builds the result from scratch.
            ["ResultPath"] = null,
            ["Next"] = TimedOutName(approval.Name),
        });
        task["Next"] = DecisionName(approval.Name);
        yield return (approval.Name, task);

        string outcome = resultPath == "$" ? "$.outcome" : $"{resultPath}.outcome";
        var decision = new JsonObject
        {
            ["Type"] = "Choice",
            ["Choices"] = new JsonArray(
                Rule(outcome, "Approved", approval.ApprovedNext!),
                Rule(outcome, "Rejected", approval.RejectedNext!),
                Rule(outcome, "TimedOut", approval.TimedOutNext!)),
        };
        if (approval.OutputPath != "$")
        {
            decision["OutputPath"] = approval.OutputPath;
        }

        yield return (DecisionName(approval.Name), decision);

        var timedOut = new JsonObject
        {
            ["Type"] = "Pass",
            ["Parameters"] = new JsonObject
            {
                ["outcome"] = "TimedOut",
                ["approver"] = null,
                ["comment"] = null,
                ["decidedAt.$"] = "$$.State.EnteredTime",
            },
        };
        if (resultPath != "$")
        {
            timedOut["ResultPath"] = resultPath;
        }

        if (approval.OutputPath != "$")
        {
            timedOut["OutputPath"] = approval.OutputPath;
        }

        timedOut["Next"] = approval.TimedOutNext;
        yield return (TimedOutName(approval.Name), timedOut);
    }

    private static JsonObject Rule(string variable, string outcome, string next) => new()
    {
        ["Variable"] = variable,
        ["StringEquals"] = outcome,
        ["Next"] = next,
    };
}
