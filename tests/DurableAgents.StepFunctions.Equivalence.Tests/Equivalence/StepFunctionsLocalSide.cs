using System.Text.Json;
using System.Text.Json.Nodes;
using DurableAgents.StepFunctions.Equivalence.Tests.SfnLocal;
using DurableAgents.TestSupport;
using Microsoft.AspNetCore.Http;

namespace DurableAgents.StepFunctions.Equivalence.Tests.Equivalence;

/// <summary>
/// Runs a scenario in aws-local-stepfunctions: the workflow exported to ASL (substitution variables replaced by Lambda
/// ARNs), every Task state overridden by a handler that posts to a Kestrel server here, which runs the task with
/// <see cref="SharedTasks"/> (an ARN <c>...:function:Activity_X</c> is activity X, <c>InvokeAgentFunctionArn</c> the
/// agents' InvokeAgent) or answers the approval's task-token wait as the scenario says.
/// </summary>
internal static class StepFunctionsLocalSide
{
    /// <summary>The run id the activities see (they use it as our engine's instance id).</summary>
    private const string RunId = "sfn-local-run";

    private const string WaitForTaskToken = "arn:aws:states:::lambda:invoke.waitForTaskToken";

    public static async Task<SideResult> RunAsync(Scenario scenario)
    {
        await using SharedTasks tasks = SharedTasks.Create();
        await using KestrelHost server = await KestrelHost.StartAsync(http => HandleAsync(http, tasks, scenario.Approval));
        var request = new JsonObject
        {
            ["definition"] = ExportedDocument.DeployableJson(scenario.Workflow),
            ["input"] = JsonNode.Parse(scenario.InputJson),
            ["callbackUrl"] = new Uri(server.Address, "task").ToString(),
        };

        NodeRun run = await SfnLocalTools.RunScriptAsync("run-execution.mjs", [], request.ToJsonString(), TimeSpan.FromMinutes(2));
        JsonNode? result = null;
        try
        {
            result = run.ExitCode == 0 ? JsonNode.Parse(run.StandardOutput) : null;
        }
        catch (JsonException)
        {
        }

        if (result is null)
        {
            throw new InvalidOperationException($"aws-local-stepfunctions did not report a result: {run}");
        }

        RunOutcome outcome = result["status"]!.GetValue<string>() == "SUCCEEDED"
            ? new RunOutcome(result["output"]?.DeepClone(), null, null)
            : new RunOutcome(null, result["error"]!.GetValue<string>(), result["cause"]?.GetValue<string>());
        return new SideResult(outcome, tasks.Invocations);
    }

    private static async Task HandleAsync(HttpContext http, SharedTasks tasks, ApprovalAnswer approval)
    {
        JsonNode call = (await JsonNode.ParseAsync(http.Request.Body))!;
        string resource = call["resource"]!.GetValue<string>();
        JsonNode? input = call["input"];
        JsonObject answer;
        if (resource == WaitForTaskToken)
        {
            answer = Approve(tasks, input!["Payload"]!, approval);
        }
        else
        {
            string activity = ActivityOf(resource, tasks);
            try
            {
                answer = new JsonObject { ["ok"] = true, ["result"] = await tasks.RunAsync(activity, input?.DeepClone(), RunId) };
            }
#pragma warning disable CA1031 // The activity's failure is the answer: the handler throws it as the Lambda error.
            catch (Exception error)
#pragma warning restore CA1031
            {
                answer = Failure(error.GetType().FullName!, error.Message);
            }
        }

        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(answer.ToJsonString());
    }

    private static JsonObject Approve(SharedTasks tasks, JsonNode payload, ApprovalAnswer approval)
    {
        string name = payload["ApprovalName"]!.GetValue<string>();
        tasks.Record(new Invocation($"Approval {name}", payload["Details"]?.DeepClone()));
        return approval switch
        {
            ApprovalAnswer.Approve or ApprovalAnswer.Reject => new JsonObject
            {
                ["ok"] = true,
                ["result"] = new JsonObject
                {
                    ["outcome"] = approval == ApprovalAnswer.Approve ? "Approved" : "Rejected",
                    ["approver"] = "ana",
                    ["comment"] = "checked",
                    ["decidedAt"] = "2025-01-01T00:00:00.000Z",
                },
            },
            ApprovalAnswer.TimeOut => Failure("States.Timeout", $"Nobody answered the approval '{name}' in time."),
            _ => Failure("Equivalence.UnexpectedApproval", $"The scenario expects no approval, but the run waits for '{name}'."),
        };
    }

    private static string ActivityOf(string resource, SharedTasks tasks)
    {
        string variable = ExportedDocument.VariableOf(resource) ?? throw new InvalidOperationException($"The Task resource '{resource}' is not a substituted function ARN.");
        if (variable == "InvokeAgentFunctionArn")
        {
            return Agents.InvokeAgentActivity.ActivityName;
        }

        // The exporter names an activity's variable Activity_<name> with non-alphanumeric characters replaced by '_'.
        return tasks.ActivityNames.SingleOrDefault(n => variable == "Activity_" + new string([.. n.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')]))
            ?? throw new InvalidOperationException($"No shipped activity matches the function variable '{variable}'.");
    }

    private static JsonObject Failure(string error, string cause) => new() { ["ok"] = false, ["error"] = error, ["cause"] = cause };
}
