using System.Text.Json.Nodes;
using DurableAgents.Approvals;
using DurableAgents.StepFunctions.DataFlow;
using DurableAgents.Testing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace DurableAgents.StepFunctions.Equivalence.Tests.Equivalence;

/// <summary>
/// Runs a scenario on our engine: the declarative workflow's generic orchestrator on <see cref="DurableTaskTestHost"/>
/// (the production engine, virtual time), its activities served by <see cref="SharedTasks"/>. An approval is read from
/// the custom status the approvals API lists, and answered with the approval event, or left to time out.
/// </summary>
internal static class OurEngineSide
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    public static async Task<SideResult> RunAsync(Scenario scenario)
    {
        using var cancel = new CancellationTokenSource(Deadline);
        await using SharedTasks tasks = SharedTasks.Create();
        await using DurableTaskTestHost host = DurableTaskTestHost.Start(registry =>
        {
            registry.AddDeclarativeWorkflow(scenario.Workflow);
            foreach (string name in tasks.ActivityNames)
            {
                registry.AddActivityFunc<JsonNode?, JsonNode?>(name, (context, input) => tasks.RunAsync(name, input, context.InstanceId));
            }
        });

        string id = await host.Client.ScheduleNewOrchestrationInstanceAsync(scenario.Workflow.Name, JsonNode.Parse(scenario.InputJson), cancel.Token);
        if (scenario.Approval != ApprovalAnswer.None)
        {
            await AnswerApprovalAsync(host, tasks, id, scenario.Approval, cancel.Token);
        }

        OrchestrationMetadata done = await host.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, cancel.Token);
        return new SideResult(OutcomeOf(done), tasks.Invocations);
    }

    private static async Task AnswerApprovalAsync(DurableTaskTestHost host, SharedTasks tasks, string id, ApprovalAnswer answer, CancellationToken cancel)
    {
        // Starting returns once the engine is idle: the run is now waiting, and its custom status says for what.
        OrchestrationMetadata waiting = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true, cancel)
            ?? throw new InvalidOperationException($"Instance {id} is gone.");
        JsonNode? wait = waiting.SerializedCustomStatus is { } status ? JsonNode.Parse(status)?["waitingForApproval"] : null;
        if (wait is null)
        {
            throw new InvalidOperationException($"The scenario expects an approval, but the run is {waiting.RuntimeStatus} with status {waiting.SerializedCustomStatus}.");
        }

        string name = wait["name"]!.GetValue<string>();
        tasks.Record(new Invocation($"Approval {name}", wait["details"]?.DeepClone()));
        if (answer is ApprovalAnswer.Approve or ApprovalAnswer.Reject)
        {
            await host.Client.RaiseEventAsync(id, ApprovalContextExtensions.GetEventName(name), new ApprovalDecision(answer == ApprovalAnswer.Approve, "ana", "checked"), cancel);
        }
    }

    private static RunOutcome OutcomeOf(OrchestrationMetadata done)
    {
        if (done.RuntimeStatus == OrchestrationRuntimeStatus.Completed)
        {
            return new RunOutcome(done.SerializedOutput is { } output ? JsonNode.Parse(output) : null, null, null);
        }

        // The generic orchestrator fails with StatesErrorException, whose message is "{Error}: {Cause}".
        TaskFailureDetails failure = done.FailureDetails ?? throw new InvalidOperationException($"The run ended {done.RuntimeStatus} without failure details.");
        if (failure.ErrorType != typeof(StatesErrorException).FullName)
        {
            return new RunOutcome(null, failure.ErrorType, failure.ErrorMessage);
        }

        int colon = failure.ErrorMessage.IndexOf(": ", StringComparison.Ordinal);
        return colon < 0
            ? new RunOutcome(null, failure.ErrorMessage, "")
            : new RunOutcome(null, failure.ErrorMessage[..colon], failure.ErrorMessage[(colon + 2)..]);
    }
}
