using DurableAgents.Conformance.Tests.Infrastructure;
using Kind = Microsoft.DurableTask.Protobuf.HistoryEvent.EventTypeOneofCase;

namespace DurableAgents.Conformance.Tests.Scenarios;

using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

/// <summary>Sub-orchestrations: results, failures, chosen instance ids.</summary>
public abstract partial class ConformanceScenarios
{
    private const string Parent = "Parent";
    private const string Child = "Child";
    private const string ParentOfFailing = "ParentOfFailing";
    private const string ParentWithChildId = "ParentWithChildId";

    [Fact]
    public async Task SubOrchestration_Succeeds_ParentGetsTheChildsOutput()
    {
        string id = NewInstanceId("sub");

        OrchestrationMetadata result = await RunAsync(Parent, "x", id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal("parent(child(x>1))", result.ReadOutputAs<string>());
        HistoryShape history = await HistoryAsync(id);
        Assert.Equal([Kind.ExecutionStarted, Kind.SubOrchestrationInstanceCreated, Kind.SubOrchestrationInstanceCompleted, Kind.ExecutionCompleted], history.Kinds);
        var created = history.One(Kind.SubOrchestrationInstanceCreated).SubOrchestrationInstanceCreated;
        Assert.Equal(Child, created.Name);
        Assert.Equal("\"x\"", created.Input);

        // The child is an instance of its own that knows its parent.
        OrchestrationMetadata child = (await Client.GetInstanceAsync(created.InstanceId, getInputsAndOutputs: true, TestDeadline.Token()))!;
        Assert.Equal(OrchestrationRuntimeStatus.Completed, child.RuntimeStatus);
        Assert.Equal("child(x>1)", child.ReadOutputAs<string>());
        HistoryShape childHistory = await HistoryAsync(created.InstanceId);
        Assert.Equal(id, childHistory.Started.ParentInstance.OrchestrationInstance.InstanceId);
        Assert.Equal(1, childHistory.Count(Kind.TaskScheduled));
    }

    [Fact]
    public async Task SubOrchestration_Fails_ParentCatchesTaskFailedExceptionWithTheChildsFailure()
    {
        string id = NewInstanceId("sub-fails");

        OrchestrationMetadata result = await RunAsync(ParentOfFailing, "bad child input", id);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, result.RuntimeStatus);
        Assert.Equal(
            new FailureReport(Throwing, typeof(InvalidOperationException).FullName!, "orchestrator rejected bad child input"),
            result.ReadOutputAs<FailureReport>());
        HistoryShape history = await HistoryAsync(id);
        Assert.Equal([Kind.ExecutionStarted, Kind.SubOrchestrationInstanceCreated, Kind.SubOrchestrationInstanceFailed, Kind.ExecutionCompleted], history.Kinds);
        var failed = history.One(Kind.SubOrchestrationInstanceFailed).SubOrchestrationInstanceFailed;
        Assert.Equal(typeof(InvalidOperationException).FullName, failed.FailureDetails.ErrorType);
        Assert.Equal(history.One(Kind.SubOrchestrationInstanceCreated).EventId, failed.TaskScheduledId);
    }

    [Fact]
    public async Task SubOrchestration_WithGivenInstanceId_ChildRunsUnderThatId()
    {
        string id = NewInstanceId("sub-id");
        string childId = id + "-child";

        OrchestrationMetadata result = await RunAsync(ParentWithChildId, childId, id);

        Assert.Equal("child(given>1)", result.ReadOutputAs<string>());
        HistoryShape history = await HistoryAsync(id);
        Assert.Equal(childId, history.One(Kind.SubOrchestrationInstanceCreated).SubOrchestrationInstanceCreated.InstanceId);
        OrchestrationMetadata child = (await Client.GetInstanceAsync(childId, getInputsAndOutputs: true, TestDeadline.Token()))!;
        Assert.Equal(Child, child.Name);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, child.RuntimeStatus);
    }

    private static void RegisterSubOrchestrationScenarios(DurableTaskRegistry registry)
    {
        registry.AddOrchestratorFunc<string, string>(Child, async (context, input) =>
            $"child({await context.CallActivityAsync<string>(Step, new StepInput(input, 1))})");
        registry.AddOrchestratorFunc<string, string>(Parent, async (context, input) =>
            $"parent({await context.CallSubOrchestratorAsync<string>(Child, input)})");
        registry.AddOrchestratorFunc<string, FailureReport>(ParentOfFailing, async (context, input) =>
        {
            try
            {
                await context.CallSubOrchestratorAsync<string>(Throwing, input);
                return new FailureReport("none", "none", "the child did not fail");
            }
            catch (TaskFailedException e)
            {
                return new FailureReport(e.TaskName, e.FailureDetails.ErrorType, e.FailureDetails.ErrorMessage);
            }
        });
        registry.AddOrchestratorFunc<string, string>(ParentWithChildId, (context, childId) =>
            context.CallSubOrchestratorAsync<string>(Child, "given", new SubOrchestrationOptions(new TaskOptions(retry: null), childId)));
    }
}
